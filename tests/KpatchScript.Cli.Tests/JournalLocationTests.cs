using System.Text.Json;
using KpatchScript.Operations;
using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests;

/// <summary>One journal per host: journal and report read the journal of the host they look at, where its changes wrote it.</summary>
public sealed class JournalLocationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-journals-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Record(string id, string target) =>
        $$"""{"id":"{{id}}","time":"2026-11-01T10:00:00+00:00","outcome":"succeeded","operation":"install","target":"{{target}}","user":"root","pid":7,"commands":[],"duration_ms":5}""" + "\n";

    [Fact]
    public void A_sysroot_target_shows_the_journal_of_its_tree_not_this_machines()
    {
        var tree = Path.Combine(_directory, "web01");
        SysrootFixtures.Materialize(SysrootFixtures.OneEnabledPatch, tree);
        Directory.CreateDirectory(Path.Combine(tree, "var/log/kpatch-script"));
        File.WriteAllText(Path.Combine(tree, OperationPaths.JournalRelative), Record("on-web01", "local"));
        var state = Path.Combine(_directory, "this-machine");
        Directory.CreateDirectory(Path.Combine(state, "var/log/kpatch-script"));
        File.WriteAllText(Path.Combine(state, OperationPaths.JournalRelative), Record("on-this-machine", "local"));
        var config = Path.Combine(_directory, "config.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new Dictionary<string, string> { ["state_directory"] = state }));

        var journal = CliRunner.RunWithConfig(config, "journal", "--json", "--target", "sysroot:" + tree);
        var report = CliRunner.RunWithConfig(config, "report", "--format", "json", "--target", "sysroot:" + tree);
        var local = CliRunner.RunWithConfig(config, "journal", "--json");

        Assert.Equal((0, ""), (journal.ExitCode, journal.Error));
        Assert.Equal(["on-web01"], Ids(JsonDocument.Parse(journal.Out).RootElement));
        Assert.Equal((0, ""), (report.ExitCode, report.Error));
        Assert.Equal(["on-web01"], Ids(JsonDocument.Parse(report.Out).RootElement.GetProperty("journal")));
        Assert.Equal(["on-this-machine"], Ids(JsonDocument.Parse(local.Out).RootElement));
    }

    [Fact]
    public void An_empty_journal_of_a_tree_says_where_it_looked()
    {
        var tree = Path.Combine(_directory, "empty");
        SysrootFixtures.Materialize(SysrootFixtures.OneEnabledPatch, tree);

        var journal = CliRunner.Run("journal", "--target", "sysroot:" + tree);

        Assert.Equal((0, $"No operations recorded in /{OperationPaths.JournalRelative} on sysroot:{tree}.\n", ""), (journal.ExitCode, journal.Out, journal.Error));
    }

    private static List<string> Ids(JsonElement journal) =>
        journal.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();
}
