using System.Text.Json;
using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests;

/// <summary>
/// report and alerts with plugins (--plugins): contributors add sections, checks join the
/// verification the report and the rules judge, sinks receive the evaluation; a plugin that throws
/// is a named failure and the others go on. With the real Prometheus plugin, alerts writes its textfile.
/// </summary>
public sealed class ReportAlertPluginTests : IDisposable
{
    private readonly TestPlugins _plugins = new("GoodPlugin", "ThrowingPlugin");
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-plugin-alerts-").FullName;

    public void Dispose()
    {
        _plugins.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private string Config => Path.Combine(_directory, "config.json");

    private static string Sysroot => "sysroot:" + SysrootFixtures.Get(SysrootFixtures.Rhel9KpatchDnf);

    private void WriteConfig(string plugins) =>
        File.WriteAllText(Config, $$"""{ "state_directory": "{{_directory}}", "plugins": {{plugins}} }""");

    [Fact]
    public void Report_json_carries_the_plugin_sections_and_checks_and_names_the_plugin_that_threw()
    {
        WriteConfig("{}");

        var outcome = CliRunner.RunWithConfig(Config, "report", "--format", "json", "--target", Sysroot, "--plugins", _plugins.Directory);

        Assert.Equal((0, ""), (outcome.ExitCode, outcome.Error));
        Assert.Empty(JsonSchemaFile.Report.Errors(outcome.Out));
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        var section = Assert.Single(root.GetProperty("sections").EnumerateArray());
        Assert.Equal(("good-inventory", "r42"), (section.GetProperty("id").GetString(), section.GetProperty("rows")[0][1].GetString()));
        var failure = Assert.Single(root.GetProperty("section_failures").EnumerateArray());
        Assert.Contains("boom from the contributor", failure.GetProperty("error").GetString(), StringComparison.Ordinal);
        var checks = root.GetProperty("verification").GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("result").GetString());
        Assert.Equal("pass", checks["GoodPlugin:site-baseline"]);
        Assert.Equal("fail", checks["ThrowingPlugin:thrower"]);
    }

    [Fact]
    public void Alerts_deliver_to_plugin_sinks_and_a_throwing_sink_keeps_the_state_for_the_next_run()
    {
        var record = Path.Combine(_directory, "recorded.txt");
        WriteConfig($$"""{ "GoodPlugin": { "record_to": "{{record}}" } }""");

        var outcome = CliRunner.RunWithConfig(Config, "alerts", "--target", Sysroot, "--plugins", _plugins.Directory);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("alert sink", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("boom from the sink", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("the alert state is not advanced", outcome.Error, StringComparison.Ordinal);
        Assert.Matches(@"^\d+ notification\(s\) for sysroot:", File.ReadAllText(record));
        Assert.False(File.Exists(Path.Combine(_directory, "var/lib/kpatch-script/alert-state.json")));
    }

    [Fact]
    public void Alerts_with_the_prometheus_plugin_write_its_textfile_on_every_run()
    {
        using var firstParty = new TestPlugins();
        firstParty.AddFirstParty("Prometheus");
        var textfiles = Directory.CreateDirectory(Path.Combine(_directory, "textfile")).FullName;
        WriteConfig($$"""{ "Prometheus": { "directory": "{{textfiles}}" } }""");

        var first = CliRunner.RunWithConfig(Config, "alerts", "--target", Sysroot, "--plugins", firstParty.Directory);
        File.Delete(Path.Combine(textfiles, "kpatch.prom"));
        var quiet = CliRunner.RunWithConfig(Config, "alerts", "--target", Sysroot, "--plugins", firstParty.Directory);

        Assert.Equal((0, ""), (first.ExitCode, first.Error));
        Assert.Equal((0, "", ""), (quiet.ExitCode, quiet.Out, quiet.Error)); // nothing new to notify
        var metrics = File.ReadAllText(Path.Combine(textfiles, "kpatch.prom")); // rewritten all the same
        Assert.Contains("# TYPE kpatch_livepatch_supported gauge\n", metrics, StringComparison.Ordinal);
        Assert.Contains("kpatch_reboot_recommended 1\n", metrics, StringComparison.Ordinal);
    }
}
