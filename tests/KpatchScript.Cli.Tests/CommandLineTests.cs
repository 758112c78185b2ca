using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData(new[] { "status", "--jsn" }, "kpatch-script: error: unknown option '--jsn' for 'status'; see 'kpatch-script status --help'\n")]
    [InlineData(new[] { "status", "extra" }, "kpatch-script: error: unexpected argument 'extra' for 'status'; see 'kpatch-script status --help'\n")]
    [InlineData(new[] { "status", "--target" }, "kpatch-script: error: --target needs a value; see 'kpatch-script status --help'\n")]
    [InlineData(new[] { "status", "--target", "--json" }, "kpatch-script: error: --target needs a value; see 'kpatch-script status --help'\n")]
    [InlineData(new[] { "status", "--json=yes" }, "kpatch-script: error: --json takes no value; see 'kpatch-script status --help'\n")]
    [InlineData(new[] { "stauts" }, "kpatch-script: error: unknown command 'stauts'; run 'kpatch-script --help' for the list\n")]
    public void Rejects_a_wrong_command_line_with_one_line_and_exits_2(string[] args, string expected)
    {
        var outcome = CliRunner.Run(args);

        Assert.Equal((2, "", expected), (outcome.ExitCode, outcome.Out, outcome.Error));
    }

    [Fact]
    public void Prints_usage_on_stderr_and_exits_2_without_a_command()
    {
        var outcome = CliRunner.Run();

        Assert.Equal((2, ""), (outcome.ExitCode, outcome.Out));
        Assert.Contains("Usage: kpatch-script <command> [options]", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_the_commands_in_help()
    {
        var outcome = CliRunner.Run("--help");

        Assert.Equal((0, ""), (outcome.ExitCode, outcome.Error));
        Assert.Contains("  status       Am I covered? The verdict first", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("  install      Install the live patch for the running kernel", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Explains_status_in_its_help()
    {
        var outcome = CliRunner.Run("status", "--help");

        Assert.Equal((0, ""), (outcome.ExitCode, outcome.Error));
        Assert.Contains("Usage: kpatch-script status [--json] [--check-updates] [--target TARGET] [--plugins DIR]... [--verbose]", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0 status read (any verdict), 1 status could not be read, 2 wrong command line.", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Explains_auto_updates_choices_in_its_help()
    {
        var outcome = CliRunner.Run("auto-update", "--help");

        Assert.Equal((0, ""), (outcome.ExitCode, outcome.Error));
        Assert.Contains("Usage: kpatch-script auto-update on|off|status [--json] [--dry-run] [--target TARGET] [--installroot DIR] [--kernel RELEASE] [--kernels all|current] [--service enable|disable|keep] [--progress] [--verbose]", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("  on --kernels current   dnf kpatch manual, then dnf install \"kpatch-patch = <running release>\"", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("off keeps kpatch.service, so installed patches still\nload at boot (unlike Cockpit)", outcome.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Prints_its_version()
    {
        var outcome = CliRunner.Run("--version");

        Assert.Equal((0, KpatchFacade.ToolVersion + "\n"), (outcome.ExitCode, outcome.Out));
        Assert.Matches(@"^\d+\.\d+\.\d+", outcome.Out);
    }

    [Fact]
    public void Info_reports_what_dotnet_script_s_does_and_where_scripts_are_cached_as_text_and_json()
    {
        var cache = Path.Combine(Path.GetTempPath(), "kps-info-" + Guid.NewGuid().ToString("N"));
        var environment = new Dictionary<string, string> { ["KPATCH_SCRIPT_CACHE"] = cache, ["KPATCH_SCRIPT_CONFIG"] = "/nonexistent/config.json" };

        var text = CliProcess.Finish(CliProcess.Start(environment, "--info"));
        var json = CliProcess.Finish(CliProcess.Start(environment, "--info", "--json"));
        var wrong = CliProcess.Finish(CliProcess.Start(environment, "--info", "--verbosity"));

        Assert.Equal((0, ""), (text.ExitCode, text.Error));
        Assert.Contains($"Version              : {KpatchFacade.ToolVersion}\n", text.Out, StringComparison.Ordinal);
        Assert.Contains("Target framework     : net10.0\n", text.Out, StringComparison.Ordinal);
        Assert.Contains($"Script cache         : {cache}\n", text.Out, StringComparison.Ordinal);
        Assert.Contains("Configuration exists : no\n", text.Out, StringComparison.Ordinal);
        Assert.Equal((0, ""), (json.ExitCode, json.Error));
        Assert.Empty(JsonSchemaFile.Info.Errors(json.Out));
        var document = System.Text.Json.Nodes.JsonNode.Parse(json.Out)!;
        Assert.Equal(cache, document["script_cache"]!.GetValue<string>());
        Assert.Equal(Environment.Version.ToString(), document["dotnet_version"]!.GetValue<string>());
        Assert.Equal(Path.GetDirectoryName(KpatchScriptCli.Dll), document["install_location"]!.GetValue<string>());
        // Naming the cache is all: --info makes nothing.
        Assert.False(Directory.Exists(cache));
        Assert.Equal((2, "kpatch-script: error: --info takes only --json, not '--verbosity'\n"), (wrong.ExitCode, wrong.Error));
    }
}
