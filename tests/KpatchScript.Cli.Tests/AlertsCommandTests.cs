using System.Text.Json;
using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests;

/// <summary>kpatch-script alerts: delivery and state, --dry-run changing nothing, --json, the reporting keys of the configuration file.</summary>
public sealed class AlertsCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-alerts-").FullName;

    public AlertsCommandTests() => WriteConfig("");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Config => Path.Combine(_directory, "config.json");

    private string StateFile => Path.Combine(_directory, "var/lib/kpatch-script/alert-state.json");

    private static string Sysroot(string fixture) => "sysroot:" + SysrootFixtures.Get(fixture);

    private void WriteConfig(string alerts) =>
        File.WriteAllText(Config, $$"""{ "state_directory": "{{_directory}}"{{(alerts.Length > 0 ? ", \"alerts\": " + alerts : "")}} }""");

    private CliRunner.Outcome Run(params string[] args) => CliRunner.RunWithConfig(Config, ["alerts", "--target", Sysroot(SysrootFixtures.Rhel9KpatchDnf), .. args]);

    [Fact]
    public void The_first_run_prints_and_records_the_notifications_and_a_second_run_is_quiet()
    {
        var first = Run();
        var second = Run();

        Assert.Equal((0, ""), (first.ExitCode, first.Error));
        Assert.StartsWith("[CRITICAL] rhel94-app03: kernel 5.14.0-427.13.1.el9_4.x86_64 no longer gets live patches (support ended 2025-04-10)\n", first.Out, StringComparison.Ordinal);
        Assert.Contains("[INFO] rhel94-app03: a reboot into 5.14.0-503.11.1.el9_5.x86_64 is recommended\n", first.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(StateFile));
        Assert.Equal((0, "", ""), (second.ExitCode, second.Out, second.Error));
    }

    [Fact]
    public void A_timer_every_15_minutes_sends_once_then_again_after_renotify_hours()
    {
        WriteConfig("""{ "renotify_hours": 1 }""");
        var clock = new Clock();
        string At(TimeSpan after)
        {
            clock.Now = new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero) + after;
            var outcome = CliRunner.RunWithConfig(Config, clock, "alerts", "--target", Sysroot(SysrootFixtures.Rhel9KpatchDnf));
            Assert.Equal((0, ""), (outcome.ExitCode, outcome.Error));
            return outcome.Out;
        }

        Assert.Equal(2, At(TimeSpan.Zero).Split("\n[").Length);
        Assert.Equal(["", "", ""], new[] { 15, 30, 45 }.Select(m => At(TimeSpan.FromMinutes(m))));
        Assert.Contains("since 2026-01-15T12:00:00+00:00, at 2026-01-15T13:00:00+00:00", At(TimeSpan.FromMinutes(60)), StringComparison.Ordinal);
    }

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void A_dry_run_shows_what_would_be_sent_and_changes_no_state()
    {
        var dry = Run("--dry-run");
        var json = Run("--dry-run", "--json");

        Assert.Equal(0, dry.ExitCode);
        Assert.StartsWith("NOT COVERED: rhel94-app03 is not covered: Live patch support for the running kernel ended on 2025-04-10, 280 days ago (estimate); update the kernel and reboot.\n" +
            "dry run: 2 notification(s) would be sent; 2 problem(s) active, 0 pending; nothing is delivered, the state is not changed\n[CRITICAL]", dry.Out, StringComparison.Ordinal);
        Assert.Contains("not judged: patch-available: which live patches are available is unknown: not checked", dry.Out, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(StateFile)));
        Assert.Empty(JsonSchemaFile.Alerts.Errors(json.Out));
        using var evaluation = JsonDocument.Parse(json.Out);
        Assert.True(evaluation.RootElement.GetProperty("dry_run").GetBoolean());
        Assert.Equal(2, evaluation.RootElement.GetProperty("notifications").GetArrayLength());
        Assert.Equal("skipped", evaluation.RootElement.GetProperty("sinks")[0].GetProperty("result").GetString());
    }

    [Fact]
    public void The_file_sink_writes_the_json_rendering_and_json_prints_the_evaluation()
    {
        var file = Path.Combine(_directory, "alerts.json");
        WriteConfig($$"""{ "file": { "path": "{{file}}" }, "rules": { "reboot-recommended": { "enabled": false } } }""");

        var outcome = Run("--json");

        Assert.Equal((0, ""), (outcome.ExitCode, outcome.Error));
        Assert.Empty(JsonSchemaFile.Alerts.Errors(outcome.Out));
        using var evaluation = JsonDocument.Parse(outcome.Out);
        Assert.Equal(["file"], evaluation.RootElement.GetProperty("sinks").EnumerateArray().Select(s => s.GetProperty("sink").GetString()));
        using var written = JsonDocument.Parse(File.ReadAllText(file));
        var notification = Assert.Single(written.RootElement.GetProperty("notifications").EnumerateArray());
        Assert.Equal(("kernel-not-covered", "critical", "firing"), (notification.GetProperty("rule").GetString(), notification.GetProperty("severity").GetString(), notification.GetProperty("state").GetString()));
    }

    [Fact]
    public void A_corrupt_state_file_is_one_line_exit_1_and_stays_as_it_was()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(StateFile)!);
        File.WriteAllText(StateFile, "{\"schema_version\": 1, \"alerts\": [ {\"key\": 3} ]}");

        var outcome = Run();

        Assert.Equal((1, ""), (outcome.ExitCode, outcome.Out));
        Assert.StartsWith($"kpatch-script: error: alert state {StateFile} is corrupt (", outcome.Error, StringComparison.Ordinal);
        Assert.Single(outcome.Error.TrimEnd('\n').Split('\n'));
        Assert.Equal("{\"schema_version\": 1, \"alerts\": [ {\"key\": 3} ]}", File.ReadAllText(StateFile));
    }

    [Theory]
    [InlineData("{ \"renotify\": 3 }", "unknown key 'alerts.renotify'")]
    [InlineData("{ \"renotify_hours\": -1 }", "alerts.renotify_hours must be a non-negative whole number, not -1")]
    [InlineData("{ \"rules\": { \"reboot\": {} } }", "unknown alert rule 'alerts.rules.reboot'")]
    [InlineData("{ \"rules\": { \"reboot-recommended\": { \"severity\": \"high\" } } }", "alerts.rules.reboot-recommended.severity must be \"info\", \"warning\" or \"critical\", not \"high\"")]
    [InlineData("{ \"rules\": { \"reboot-recommended\": { \"days\": 3 } } }", "unknown key 'alerts.rules.reboot-recommended.days' (known: enabled, severity)")]
    [InlineData("{ \"file\": { \"format\": \"txt\" } }", "alerts.file needs a \"path\"")]
    [InlineData("{ \"expect_livepatch\": \"yes\" }", "alerts.expect_livepatch must be true or false, not \"yes\"")]
    public void A_wrong_alerts_configuration_stops_every_command_with_one_line(string alerts, string message)
    {
        WriteConfig(alerts);

        var outcome = CliRunner.RunWithConfig(Config, "status", "--target", Sysroot(SysrootFixtures.LabLoaded));

        Assert.Equal((1, ""), (outcome.ExitCode, outcome.Out));
        Assert.StartsWith($"kpatch-script: error: configuration {Config}: {message}", outcome.Error, StringComparison.Ordinal);
        Assert.Single(outcome.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_templates_directory_from_the_configuration_overrides_alert_txt()
    {
        var templates = Directory.CreateDirectory(Path.Combine(_directory, "templates")).FullName;
        File.WriteAllText(Path.Combine(templates, "alert.txt"), "{{ for a in notifications }}{{ a.key }}\n{{ end }}");
        File.WriteAllText(Config, $$"""{ "state_directory": "{{_directory}}", "templates_directory": "{{templates}}" }""");

        var outcome = Run();

        Assert.Equal("kernel-not-covered:5.14.0-427.13.1.el9_4.x86_64\nreboot-recommended:5.14.0-503.11.1.el9_5.x86_64\n", outcome.Out);
    }
}
