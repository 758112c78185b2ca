using CsCheck;
using KpatchScript.TestFixtures;
using Xunit.Abstractions;

namespace KpatchScript.Cli.Tests.Fuzz;

/// <summary>
/// The documents a person or another tool writes: the configuration (with the banned-API list it
/// names), fleet directories of status documents, the alert state (with temporaries left by a
/// killed write) and the audit journal, each edited, torn, doubled, or swapped for a FIFO, a
/// device node, a link to <c>/dev/zero</c>, a huge sparse file, a directory, garbage. Every run of
/// the CLI over them ends in time, without a crash or a stack trace, with valid JSON where JSON
/// was asked for and an error of one line where it fails.
/// </summary>
public sealed class DocumentFuzzTests : IDisposable
{
    private static readonly string Sysroot = "sysroot:" + SysrootFixtures.Get(SysrootFixtures.OneEnabledPatch);

    private readonly string _work = Directory.CreateTempSubdirectory("kps-fuzz-documents-").FullName;
    private readonly ITestOutputHelper _output;
    private int _case;

    public DocumentFuzzTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>A fresh directory per case (cases of one kind run one after the other).</summary>
    private string CaseDirectory() => Directory.CreateDirectory(Path.Combine(_work, $"case{++_case}")).FullName;

    private sealed record DocumentCase(FileCase Document, FileCase Companion, bool Json, int Variant)
    {
        public static Gen<DocumentCase> Gen { get; } =
            CsCheck.Gen.Select(FileCase.Gen, FileCase.Gen, CsCheck.Gen.Bool, CsCheck.Gen.Int[0, 3], (d, c, j, v) => new DocumentCase(d, c, j, v));

        public override string ToString() => $"document: {Document}; companion: {Companion}; json: {Json}; variant {Variant}";
    }

    [Fact]
    public void Configuration_files() =>
        FuzzRunner.Run("configuration", 1000, DocumentCase.Gen, c =>
        {
            var directory = CaseDirectory();
            var config = Path.Combine(directory, "config.json");
            c.Document.Write(config, $$"""
                {
                  "support_window_days": 365,
                  "support_window_end": "2026-06-30",
                  "lock_wait_seconds": 5,
                  "transition_timeout_seconds": 60,
                  "state_directory": "{{directory}}/state",
                  "rule_severities": { "KPS1005": "error", "KPS1001": "warning" },
                  "banned_symbols_file": "BannedSymbols.txt",
                  "templates_directory": "{{directory}}/templates",
                  "workflows_directory": "workflows",
                  "alerts": { "renotify_hours": 24, "expect_livepatch": true, "stdout": true,
                    "rules": { "kernel-not-covered": { "enabled": true, "severity": "critical" } } }
                }
                """);
            // Half the cases keep the list valid, so the configuration's other keys are reached.
            var list = Path.Combine(directory, "BannedSymbols.txt");
            var banned = "T:System.IO.File;no files\nM:System.Environment.Exit(System.Int32)\n";
            if (c.Variant < 2)
            {
                File.WriteAllText(list, banned);
            }
            else
            {
                c.Companion.Write(list, banned);
            }

            string[] command = (c.Variant % 2) switch
            {
                0 => ["status", "--json", "--target", Sysroot],
                _ => ["report", "--format", c.Json ? "json" : "md", "--target", Sysroot],
            };
            return Outcomes.Check(CliRunner.RunWithConfig(config, command), json: command.Contains("json"));
        }, _output);

    [Fact]
    public void Fleet_directories()
    {
        var valid = CliRunner.Run("status", "--json", "--target", Sysroot).Out;
        FuzzRunner.Run("fleet", 700, DocumentCase.Gen, c =>
        {
            var directory = CaseDirectory();
            c.Document.Write(Path.Combine(directory, "web1.json"), valid);
            if (c.Variant > 0)
            {
                c.Companion.Write(Path.Combine(directory, "web2.json"), valid);
            }

            if (c.Variant > 2)
            {
                File.WriteAllText(Path.Combine(directory, "db1.json"), valid);
            }

            var format = c.Json ? "json" : c.Variant % 2 == 0 ? "csv" : "html";
            return Outcomes.Check(CliRunner.Run("report", "--fleet", directory, "--format", format), json: c.Json);
        }, _output);
    }

    [Fact]
    public void Alert_state_files()
    {
        var seed = CaseDirectory();
        var seedConfig = WriteStateConfig(seed);
        Assert.Equal(0, CliRunner.RunWithConfig(seedConfig, "alerts", "--target", Sysroot).ExitCode);
        var valid = File.ReadAllText(Path.Combine(seed, "state", "var/lib/kpatch-script/alert-state.json"));
        FuzzRunner.Run("alert state", 700, DocumentCase.Gen, c =>
        {
            var directory = CaseDirectory();
            var config = WriteStateConfig(directory);
            var state = Path.Combine(directory, "state", "var/lib/kpatch-script/alert-state.json");
            c.Document.Write(state, valid);
            if (c.Variant > 1)
            {
                // What a killed write leaves: a temporary of a process that is gone.
                c.Companion.Write(Path.Combine(Path.GetDirectoryName(state)!, $".alert-state.json.{int.MaxValue}.0123456789abcdef0123456789abcdef.tmp"), valid);
            }

            string[] command = c.Variant % 2 == 0 ? ["alerts", "--target", Sysroot] : ["alerts", "--dry-run", "--target", Sysroot];
            return Outcomes.Check(CliRunner.RunWithConfig(config, c.Json ? [.. command, "--json"] : command), json: c.Json);
        }, _output);
    }

    [Fact]
    public void Audit_journals()
    {
        const string valid = """
            {"id":"1a","time":"2026-01-15T12:00:00+00:00","outcome":"started","operation":"install","target":"local","user":"root","pid":42,"commands":[["dnf","install","-y","kpatch-patch = 5.14.0-570.12.1.el9_6.x86_64"]]}
            {"id":"1a","time":"2026-01-15T12:00:09+00:00","outcome":"succeeded","operation":"install","target":"local","user":"root","pid":42,"duration_ms":9000,"commands":[["dnf","install","-y","kpatch-patch = 5.14.0-570.12.1.el9_6.x86_64"]]}
            {"id":"2b","time":"2026-01-16T08:30:00+00:00","outcome":"started","operation":"load","target":"local","kernel_release":"5.14.0-570.12.1.el9_6.x86_64","user":"root","sudo_user":"ana","pid":77,"commands":[]}
            {"id":"2b","time":"2026-01-16T08:30:01+00:00","outcome":"failed","operation":"load","target":"local","user":"root","pid":77,"error":"insmod: ERROR: could not insert module","detail":"transition stalled"}

            """;
        FuzzRunner.Run("journal", 700, DocumentCase.Gen, c =>
        {
            var root = CaseDirectory();
            c.Document.Write(Path.Combine(root, "var/log/kpatch-script/journal.jsonl"), valid);
            string[] command = c.Json ? ["journal", "--json", "--installroot", root] : ["journal", "--installroot", root];
            return Outcomes.Check(CliRunner.Run(c.Variant == 0 ? [.. command, "--limit", "1"] : command), json: c.Json);
        }, _output);
    }

    private static string WriteStateConfig(string directory)
    {
        var config = Path.Combine(directory, "config.json");
        File.WriteAllText(config, $$"""{ "state_directory": "{{directory}}/state" }""");
        return config;
    }
}
