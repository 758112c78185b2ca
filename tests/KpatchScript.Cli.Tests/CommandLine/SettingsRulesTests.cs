namespace KpatchScript.Cli.Tests.CommandLine;

/// <summary>The rules between options (each settings type's Validate): one line, exit 2, before anything runs.</summary>
public sealed class SettingsRulesTests
{
    [Theory]
    [InlineData(new[] { "verify", "--json", "--nagios" }, "--json and --nagios are alternatives; choose one")]
    [InlineData(new[] { "load", "a.ko", "--timeout", "0" }, "--timeout needs a whole number of seconds above 0, not '0'")]
    [InlineData(new[] { "unload", "p", "--timeout", "-5" }, "--timeout needs a whole number of seconds above 0, not '-5'")]
    [InlineData(new[] { "unload", "p", "--timeout", "1.5" }, "--timeout needs a whole number of seconds above 0, not '1.5'")]
    [InlineData(new[] { "run", "main.csx", "--timeout", "0" }, "--timeout needs a number of seconds above 0, not '0'")]
    [InlineData(new[] { "eval", "1", "--timeout=-0.5" }, "--timeout needs a number of seconds above 0, not '-0.5'")]
    [InlineData(new[] { "eval", "1", "--timeout", "soon" }, "--timeout needs a number of seconds above 0, not 'soon'")]
    [InlineData(new[] { "journal", "--limit", "-1" }, "--limit needs a whole number (0 for all), not '-1'")]
    [InlineData(new[] { "journal", "--limit", "all" }, "--limit needs a whole number (0 for all), not 'all'")]
    [InlineData(new[] { "auto-update", "maybe" }, "auto-update needs on, off or status; see 'kpatch-script auto-update --help'")]
    [InlineData(new[] { "auto-update", "on", "--kernels", "soon" }, "--kernels needs all or current, not 'soon'")]
    [InlineData(new[] { "auto-update", "off", "--kernels", "current" }, "--kernels is for 'auto-update on' only: off stops automatic installation for every kernel")]
    [InlineData(new[] { "auto-update", "on", "--service", "disable" }, "--service of 'auto-update on' needs enable or keep, not 'disable'")]
    [InlineData(new[] { "auto-update", "off", "--service", "enable" }, "--service of 'auto-update off' needs disable or keep, not 'enable'")]
    [InlineData(new[] { "auto-update", "status", "--service", "keep" }, "--service is for 'auto-update on' and 'auto-update off' only")]
    [InlineData(new[] { "auto-update", "--target", "local", "on", "--json", "off" }, "unexpected argument 'off' for 'auto-update'; see 'kpatch-script auto-update --help'")]
    [InlineData(new[] { "plugins", "remove" }, "plugins takes list or info NAME, not 'remove'; see 'kpatch-script plugins --help'")]
    [InlineData(new[] { "plugins", "info" }, "plugins needs a plugin name (plugins info NAME); see 'kpatch-script plugins --help'")]
    [InlineData(new[] { "report", "--fleet", "/tmp", "--check-updates" }, "--fleet reads status documents: --target and --check-updates do not apply (collect them with 'kpatch-script status --json --check-updates')")]
    [InlineData(new[] { "report", "--format", "csv" }, "--format csv is not one of html, md, txt, json; see 'kpatch-script report --help'")]
    public void A_rule_between_options_is_a_usage_error_of_one_line(string[] args, string expected)
    {
        var outcome = CliRunner.Run(args);

        Assert.Equal((2, "", $"kpatch-script: error: {expected}\n"), (outcome.ExitCode, outcome.Out, outcome.Error));
    }

    [Fact]
    public void A_typo_is_named_before_a_rule_is_checked()
    {
        var outcome = CliRunner.Run("verify", "--json", "--nagios", "--jsn");

        Assert.Equal((2, "kpatch-script: error: unknown option '--jsn' for 'verify'; see 'kpatch-script verify --help'\n"), (outcome.ExitCode, outcome.Error));
    }
}
