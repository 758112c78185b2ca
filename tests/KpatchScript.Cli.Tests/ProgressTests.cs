using System.Text.Json;
using System.Text.RegularExpressions;
using KpatchScript.Host;
using KpatchScript.Testing.Fakes;
using KpatchScript.TestFixtures;
using static KpatchScript.TestFixtures.DnfLab;

namespace KpatchScript.Cli.Tests;

/// <summary>
/// --progress in-process: real dnf in an installroot for what the lines are, a fake target whose dnf
/// prints what a hostile host could (escapes, line breaks), and writers that fail like a closed pipe.
/// The real process (stdout as a pipe, SIGTERM, a closed read end): <see cref="ProgressProcessTests"/>.
/// </summary>
public sealed partial class ProgressTests : IDisposable
{
    private const string Journal = "/var/log/kpatch-script/journal.jsonl";

    /// <summary>What a host could print: a terminal title and clear screen, a right-to-left override, a bare CR, a line break and a quote.</summary>
    private const string Hostile = "dnf says \u001b]0;OWNED\u0007\u001b[2J \u202eevil\r\nsecond \"line\"";

    private readonly string _root = NewInstallRoot();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Without_json_each_dnf_line_goes_to_stderr_with_the_prefix_and_stdout_is_as_without_progress()
    {
        var other = NewInstallRoot();
        try
        {
            var progress = CliRunner.Run("install", "--progress", "--installroot", _root, "--kernel", Kernel284);
            var plain = CliRunner.Run("install", "--installroot", other, "--kernel", Kernel284);

            Assert.Equal((0, 0, ""), (progress.ExitCode, plain.ExitCode, plain.Error));
            Assert.Equal(Normalized(plain.Out, other), Normalized(progress.Out, _root));
            var lines = progress.Error.Split('\n');
            Assert.Equal("", lines[^1]); // every line ends with a line break
            Assert.All(lines[..^1], l => Assert.StartsWith("kpatch-script: dnf install: ", l, StringComparison.Ordinal));
            Assert.All(lines[..^1], l => Assert.False(string.IsNullOrWhiteSpace(l["kpatch-script: dnf install: ".Length..]), "a blank line was passed on"));
            Assert.Contains(lines, l => l.Contains("Installing", StringComparison.Ordinal) && l.Contains(PatchName(Kernel284), StringComparison.Ordinal));
            Assert.Contains("kpatch-script: dnf install: Complete!", lines);
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }

    [Fact]
    public void A_dry_run_with_progress_prints_what_a_dry_run_prints()
    {
        var json = CliRunner.Run("install", "--dry-run", "--json", "--progress", "--installroot", _root, "--kernel", Kernel284);
        var plainJson = CliRunner.Run("install", "--dry-run", "--json", "--installroot", _root, "--kernel", Kernel284);
        var words = CliRunner.Run("update", "--dry-run", "--progress", "--installroot", _root, "--kernel", Kernel284);
        var plainWords = CliRunner.Run("update", "--dry-run", "--installroot", _root, "--kernel", Kernel284);

        Assert.Equal((0, "", 0, ""), (json.ExitCode, json.Error, words.ExitCode, words.Error));
        Assert.Equal(WithoutDuration(plainJson.Out), WithoutDuration(json.Out));
        Assert.Equal("planned", JsonDocument.Parse(json.Out).RootElement.GetProperty("outcome").GetString());
        Assert.Equal(plainWords.Out, words.Out);
        Assert.Empty(InstalledPackages(_root));
    }

    [Fact]
    public void Hostile_progress_text_is_escaped_on_stderr_and_one_valid_json_line_on_stdout()
    {
        var words = RunOnFake(out var wordsHost, new StringWriter(), "install", "--progress", "--kernel", Kernel284);
        var json = RunOnFake(out _, new StringWriter(), "install", "--json", "--progress", "--kernel", Kernel284);

        Assert.Equal(0, words.ExitCode);
        Assert.Equal(
            "kpatch-script: dnf install: dnf says \\x1b]0;OWNED\\x07\\x1b[2J \\u202eevil\\r\\nsecond \"line\"\nkpatch-script: dnf install: Complete!\n",
            words.Error);
        Assert.DoesNotContain('\u001b', words.Error);
        Assert.StartsWith("install: done on fake", words.Out, StringComparison.Ordinal);
        Assert.Equal(["started", "succeeded"], Outcomes(wordsHost));

        Assert.Equal((0, ""), (json.ExitCode, json.Error));
        var (progress, document) = SplitProgress(json.Out);
        Assert.Equal([Hostile, "Complete!"], progress);
        Assert.Equal("succeeded", JsonDocument.Parse(document).RootElement.GetProperty("outcome").GetString());
        Assert.Empty(JsonSchemaFile.OperationResult.Errors(document));
    }

    [Fact]
    public void A_stdout_that_fails_like_a_closed_pipe_stops_the_lines_not_the_operation_and_the_journal_has_its_outcome()
    {
        var outcome = RunOnFake(out var host, new ClosedPipeWriter(), "install", "--json", "--progress", "--kernel", Kernel284);

        Assert.Equal(1, outcome.ExitCode); // the result could not be delivered
        Assert.Equal(
            "kpatch-script: error: the result of install could not be written (Broken pipe); it succeeded: 'kpatch-script journal' shows it\n",
            outcome.Error);
        Assert.Single(host.Commands, c => c.Program == "dnf"); // ran to its end, once
        Assert.Equal(["started", "succeeded"], Outcomes(host));
    }

    [Fact]
    public void A_stderr_that_fails_like_a_closed_pipe_stops_the_lines_not_the_operation()
    {
        using var stdout = new StringWriter();
        var host = HostileDnf();
        var environment = new CliEnvironment(stdout, new ClosedPipeWriter(), FixedTimeProvider.Default, (_, _) => host, IsInteractive: false)
        {
            ConfigPath = "/nonexistent/kpatch-script/config.json",
        };

        var exitCode = CliApp.Run(["install", "--progress", "--kernel", Kernel284], environment);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("install: done on fake", stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal(["started", "succeeded"], Outcomes(host));
    }

    [Fact]
    public void Auto_update_status_refuses_progress()
    {
        var outcome = CliRunner.Run("auto-update", "status", "--progress", "--installroot", _root);

        Assert.Equal(
            (2, "", "kpatch-script: error: --progress is for 'auto-update on' and 'auto-update off' only: status changes nothing and prints at once\n"),
            (outcome.ExitCode, outcome.Out, outcome.Error));
    }

    [Theory]
    [InlineData("install")]
    [InlineData("update")]
    [InlineData("remove")]
    [InlineData("downgrade")]
    [InlineData("auto-update")]
    [InlineData("load")]
    [InlineData("unload")]
    public void Every_verb_that_changes_a_host_explains_progress_in_its_help(string verb)
    {
        var help = CliRunner.Run(verb, "--help");

        Assert.Contains("\n--progress prints each line of progress as it comes", help.Out, StringComparison.Ordinal);
        Assert.Contains("\n{\"progress\":\"LINE\"} before the result document", help.Out, StringComparison.Ordinal);
        Assert.Contains("\n  --progress ", help.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("verify")]
    [InlineData("available")]
    [InlineData("journal")]
    public void Read_only_verbs_have_no_progress_option(string verb)
    {
        Assert.DoesNotContain("--progress", CliRunner.Run(verb, "--help").Out, StringComparison.Ordinal);
    }

    /// <summary>The progress lines before the document, as a reader that splits stdout on line breaks finds them, and the document after them.</summary>
    internal static (List<string> Progress, string Document) SplitProgress(string stdout)
    {
        var lines = stdout.Split('\n');
        var count = lines.TakeWhile(l => l.StartsWith("{\"progress\":", StringComparison.Ordinal)).Count();
        var progress = lines.Take(count).Select(l =>
        {
            var element = JsonDocument.Parse(l).RootElement;
            Assert.Equal(["progress"], element.EnumerateObject().Select(p => p.Name));
            return element.GetProperty("progress").GetString()!;
        }).ToList();
        return (progress, string.Join('\n', lines.Skip(count)));
    }

    /// <summary>A document with its timing left out: the only field two runs of the same operation differ in.</summary>
    internal static string WithoutDuration(string document) => DurationMs().Replace(document, "\"duration_ms\": 0");

    /// <summary>The outcomes of the journal records on the fake target, oldest first.</summary>
    private static List<string> Outcomes(FakeHostSystem host) =>
        host.ReadFile(Journal).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("outcome").GetString()!).ToList();

    private static string Normalized(string text, string root) => Seconds().Replace(text.Replace(root, "ROOT", StringComparison.Ordinal), "(N s)");

    /// <summary>A target whose dnf reports <see cref="Hostile"/> and "Complete!" as progress (as ProcessRunner does, line by line), then succeeds.</summary>
    private static FakeHostSystem HostileDnf() =>
        new FakeHostSystem().WithCommand("dnf", spec =>
        {
            spec.Progress?.Report(Hostile);
            spec.Progress?.Report("");
            spec.Progress?.Report("Complete!");
            return new CommandResult(0, Hostile + "\n\nComplete!\n", "");
        });

    private static CliRunner.Outcome RunOnFake(out FakeHostSystem host, TextWriter stdout, params string[] args)
    {
        using var stderr = new StringWriter();
        var target = HostileDnf();
        host = target;
        var environment = new CliEnvironment(stdout, stderr, FixedTimeProvider.Default, (_, _) => target, IsInteractive: false)
        {
            ConfigPath = "/nonexistent/kpatch-script/config.json",
        };
        var exitCode = CliApp.Run(args, environment);
        return new CliRunner.Outcome(exitCode, stdout.ToString() ?? "", stderr.ToString());
    }

    [GeneratedRegex("\"duration_ms\": \\d+")]
    private static partial Regex DurationMs();

    [GeneratedRegex(@"\(\d+\.\d s\)")]
    private static partial Regex Seconds();

    /// <summary>A stream whose reader has gone: every write fails as a write to a closed pipe does (EPIPE).</summary>
    private sealed class ClosedPipeWriter : StringWriter
    {
        public override void Write(char value) => throw new IOException("Broken pipe");

        public override void Write(string? value) => throw new IOException("Broken pipe");

        public override void WriteLine(string? value) => throw new IOException("Broken pipe");

        public override void Flush() => throw new IOException("Broken pipe");

        public override string ToString() => "";
    }
}
