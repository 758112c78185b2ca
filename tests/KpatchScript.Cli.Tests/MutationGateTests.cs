using System.Text.Json.Nodes;
using KpatchScript.Host;
using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests;

/// <summary>
/// The mutation gate of tests/run (issue 23): <c>tests/mutation/run --score</c> scores a Stryker JSON
/// report per folder of a thresholds file, as the full run does after Stryker, and fails the run when
/// a folder is below its threshold, has a mutant no test covers, or has no mutants at all. Real jq
/// over reports written here (Stryker itself takes minutes; its reports have this form).
/// </summary>
public sealed class MutationGateTests : IDisposable
{
    private const string Folder = "src/KpatchScript.Core/Parsing/";
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-mutation-gate-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Scores a report of the given mutant statuses (one file in <see cref="Folder"/>) against a 90 % threshold.</summary>
    private CommandResult Score(params string[] statuses)
    {
        var mutants = new JsonArray();
        for (var i = 0; i < statuses.Length; i++)
        {
            mutants.Add(new JsonObject
            {
                ["id"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["mutatorName"] = "Equality mutation",
                ["replacement"] = "a <= b",
                ["status"] = statuses[i],
                ["location"] = new JsonObject { ["start"] = new JsonObject { ["line"] = 10 + i, ["column"] = 5 } },
            });
        }

        var report = new JsonObject { ["files"] = new JsonObject { [RepositoryPaths.Combine(Folder, "RpmEvr.cs")] = new JsonObject { ["mutants"] = mutants } } };
        var reportPath = Path.Combine(_directory, "mutation-report.json");
        var thresholds = Path.Combine(_directory, "thresholds");
        File.WriteAllText(reportPath, report.ToJsonString());
        File.WriteAllText(thresholds, $"# a comment\ncore  {Folder}  90\nreporting  src/KpatchScript.Reporting/Alerts/  90\n");
        return ProcessHelper.Execute(RepositoryPaths.Combine("tests", "mutation", "run"), "--score", "core", reportPath, thresholds);
    }

    private static string[] Many(int count, string status) => Enumerable.Repeat(status, count).ToArray();

    [Fact]
    public void A_folder_at_its_threshold_passes_and_timeouts_count_as_detected()
    {
        var result = Score([.. Many(8, "Killed"), "Timeout", "Survived", "Ignored", "CompileError"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{Folder}", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(" 90.0 %  killed   9  survived   1  no coverage   0  ok", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_below_its_threshold_fails_and_names_each_surviving_mutant()
    {
        var result = Score([.. Many(8, "Killed"), "Survived", "Survived"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(" 80.0 %  killed   8  survived   2  no coverage   0  BELOW (threshold 90 %, at most 0 without coverage)", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"    Survived {Folder}RpmEvr.cs:18 Equality mutation: a <= b", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"    Survived {Folder}RpmEvr.cs:19 Equality mutation: a <= b", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mutant_no_test_covers_fails_the_folder_whatever_its_score()
    {
        var result = Score([.. Many(30, "Killed"), "NoCoverage"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(" 96.8 %  killed  30  survived   0  no coverage   1  BELOW", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"    NoCoverage {Folder}RpmEvr.cs:40 Equality mutation", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_mutants_fails_as_moved_and_a_missing_report_scores_nothing()
    {
        var empty = Score();
        var missing = ProcessHelper.Execute(RepositoryPaths.Combine("tests", "mutation", "run"), "--score", "core", Path.Combine(_directory, "none.json"));

        Assert.Equal(1, empty.ExitCode);
        Assert.Contains($"{Folder}: no mutants (the folder moved? fix tests/mutation/thresholds)", empty.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
    }
}
