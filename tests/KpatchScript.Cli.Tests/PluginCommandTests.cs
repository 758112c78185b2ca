using System.Text.Json;
using KpatchScript.Plugins;
using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests;

/// <summary>plugins list|info, and the plugins of verify, run and check, through the CLI in-process.</summary>
public sealed class PluginCommandTests : IDisposable
{
    private readonly TestPlugins _plugins = new("GoodPlugin", "ThrowingPlugin", "OldContractPlugin");

    public void Dispose() => _plugins.Dispose();

    private static string Sysroot => "sysroot:" + SysrootFixtures.Get(SysrootFixtures.OneEnabledPatch);

    [Fact]
    public void List_shows_every_directory_and_plugin_and_fails_when_one_is_refused()
    {
        var outcome = CliRunner.Run("plugins", "list", "--plugins", _plugins.Directory);

        Assert.Equal((1, ""), (outcome.ExitCode, outcome.Error));
        Assert.Equal(
            $"""
            plugin directories:
              searched  {_plugins.Directory}
            plugins:
              loaded    GoodPlugin         0.1.0     good v1: a check, an alert sink, a report contributor and a script API
              refused   OldContractPlugin  0.1.0     plugin OldContractPlugin: built against plugin contract 0.9, but this kpatch-script has contract {PluginContract.Version}; rebuild the plugin against KpatchScript.Abstractions 0.1.0 (contract {PluginContract.Version})
              loaded    ThrowingPlugin     0.1.0     throws from everything it offers

            """,
            outcome.Out);
    }

    [Fact]
    public void List_and_info_json_follow_the_schema()
    {
        var list = CliRunner.Run("plugins", "list", "--json", "--plugins", _plugins.Directory);
        var info = CliRunner.Run("plugins", "info", "GoodPlugin", "--json", "--plugins", _plugins.Directory);

        Assert.Empty(JsonSchemaFile.Plugins.Errors(list.Out));
        Assert.Empty(JsonSchemaFile.Plugins.Errors(info.Out));
        Assert.Equal(0, info.ExitCode);
        var plugin = JsonDocument.Parse(info.Out).RootElement.GetProperty("plugin");
        Assert.Equal(("GoodPlugin", "loaded", PluginContract.Version), (plugin.GetProperty("name").GetString(), plugin.GetProperty("state").GetString(), plugin.GetProperty("contract_version").GetString()));
        Assert.Equal("TestPlugins.Good.Greeter", plugin.GetProperty("provides").GetProperty("script_apis")[0].GetString());
        Assert.Equal(3, JsonDocument.Parse(list.Out).RootElement.GetProperty("plugins").GetArrayLength());
    }

    [Fact]
    public void Info_names_what_a_plugin_provides_or_why_it_is_not_loaded()
    {
        var good = CliRunner.Run("plugins", "info", "GoodPlugin", "--plugins", _plugins.Directory);
        var old = CliRunner.Run("plugins", "info", "OldContractPlugin", "--plugins", _plugins.Directory);
        var none = CliRunner.Run("plugins", "info", "Nope", "--plugins", _plugins.Directory);

        Assert.Equal(0, good.ExitCode);
        Assert.Contains("verification checks:      GoodPlugin:site-baseline\n", good.Out, StringComparison.Ordinal);
        Assert.Contains($"contract version:         1.0 (this kpatch-script: {PluginContract.Version})\n", good.Out, StringComparison.Ordinal);
        Assert.Equal(1, old.ExitCode);
        Assert.Contains("error:                    plugin OldContractPlugin: built against plugin contract 0.9", old.Out, StringComparison.Ordinal);
        Assert.Equal((1, $"kpatch-script: error: no plugin named Nope in {_plugins.Directory}; 'kpatch-script plugins list' shows what there is\n"), (none.ExitCode, none.Error));
    }

    [Fact]
    public void Verify_adds_the_plugin_checks_and_names_the_refused_plugin_on_stderr()
    {
        var outcome = CliRunner.Run("verify", "--target", Sysroot, "--plugins", _plugins.Directory);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("\npass  GoodPlugin:site-baseline: 1 patch(es) on sysroot:", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("\nfail  ThrowingPlugin:thrower: plugin ThrowingPlugin: check 'ThrowingPlugin:thrower': threw System.InvalidOperationException: boom from the check\n", outcome.Out, StringComparison.Ordinal);
        Assert.Equal($"kpatch-script: plugin OldContractPlugin: built against plugin contract 0.9, but this kpatch-script has contract {PluginContract.Version}; rebuild the plugin against KpatchScript.Abstractions 0.1.0 (contract {PluginContract.Version})\n", outcome.Error);
    }

    [Fact]
    public void Verify_json_with_plugin_checks_follows_the_schema()
    {
        var outcome = CliRunner.Run("verify", "--json", "--target", Sysroot, "--plugins", _plugins.Directory);

        Assert.Empty(JsonSchemaFile.Verification.Errors(outcome.Out));
        Assert.Contains("\"name\": \"GoodPlugin:site-baseline\"", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_configuration_names_plugin_directories_and_gives_each_plugin_its_section()
    {
        var config = Path.Combine(_plugins.Root, "config.json");
        File.WriteAllText(config, $$"""{ "plugin_directories": ["{{_plugins.Directory}}"], "plugin_timeout_seconds": 5, "plugins": { "goodplugin": { "result": "warn" } } }""");

        var outcome = CliRunner.RunWithConfig(config, "verify", "--target", Sysroot);

        Assert.Contains("\nwarn  GoodPlugin:site-baseline: ", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plugins_check_counts_in_the_verdict_of_status_as_in_verify()
    {
        using var good = new TestPlugins("GoodPlugin");
        var config = Path.Combine(good.Root, "config.json");
        File.WriteAllText(config, $$"""{ "plugin_directories": ["{{good.Directory}}"], "plugins": { "goodplugin": { "result": "warn" } } }""");
        var covered = "sysroot:" + SysrootFixtures.Get(SysrootFixtures.Rhel9Covered);

        var status = JsonDocument.Parse(CliRunner.RunWithConfig(config, "status", "--json", "--target", covered).Out).RootElement.GetProperty("verdict");
        var verify = JsonDocument.Parse(CliRunner.RunWithConfig(config, "verify", "--json", "--target", covered).Out).RootElement.GetProperty("verdict");

        // The plugin's warning turns the covered host into "action needed", in both, with the same reasons.
        Assert.Equal(("action needed", "check-warned:GoodPlugin:site-baseline"), (status.GetProperty("state").GetString(), status.GetProperty("reasons")[0].GetProperty("code").GetString()));
        Assert.Equal(status.GetProperty("reasons").GetRawText(), verify.GetProperty("reasons").GetRawText());
    }

    [Theory]
    [InlineData("{ \"plugin_directories\": \"/usr/lib\" }", "plugin_directories must be an array of non-empty strings, not \"/usr/lib\"")]
    [InlineData("{ \"plugin_timeout_seconds\": 0 }", "plugin_timeout_seconds must be a positive whole number, not 0")]
    [InlineData("{ \"plugins\": { \"Webhook\": [1] } }", "plugins must be an object of one object per plugin (\"plugins\": {\"Webhook\": {...}}), not { \"Webhook\": [1] }")]
    public void A_bad_plugin_setting_is_one_line(string content, string expected)
    {
        var config = Path.Combine(_plugins.Root, "config.json");
        File.WriteAllText(config, content);

        var outcome = CliRunner.RunWithConfig(config, "verify");

        // verify answers a failure with Nagios UNKNOWN (3), never 1, which a monitor reads as WARNING.
        Assert.Equal((3, $"kpatch-script: error: configuration {config}: {expected}\n"), (outcome.ExitCode, outcome.Error));
    }

    [Fact]
    public void A_plugins_directory_that_does_not_exist_is_a_usage_error()
    {
        var outcome = CliRunner.Run("verify", "--plugins", "/nonexistent/plugins");

        Assert.Equal((2, "kpatch-script: error: --plugins /nonexistent/plugins: no such directory\n"), (outcome.ExitCode, outcome.Error));
    }

    [Fact]
    public void A_script_calls_a_plugin_api_and_check_compiles_against_it()
    {
        var script = Path.Combine(_plugins.Root, "greet.csx");
        File.WriteAllText(script, "using TestPlugins.Good;\nPrint(Greeter.Greet(Args[0]));\n");

        var run = CliRunner.Run("run", script, "--no-cache", "--plugins", _plugins.Directory, "--", "admin");
        var check = CliRunner.Run("check", script, "--plugins", _plugins.Directory);
        var without = CliRunner.Run("check", script);

        // Print formats as dotnet-script's does: a string as a C# literal.
        Assert.Equal((0, "\"hello admin from good v1\"\n"), (run.ExitCode, run.Out));
        Assert.Equal(0, check.ExitCode);
        Assert.Equal(1, without.ExitCode);
        Assert.Contains("error CS0246", without.Error, StringComparison.Ordinal);
    }
}
