using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests;

public sealed class ConfigurationTests : IDisposable
{
    private readonly string _config = Path.Combine(Directory.CreateTempSubdirectory("kps-config-").FullName, "config.json");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_config)!, recursive: true);

    [Fact]
    public void Names_the_line_of_a_banned_api_list_that_is_not_an_entry()
    {
        var list = Path.Combine(Path.GetDirectoryName(_config)!, "BannedSymbols.txt");
        File.WriteAllText(list, "// site bans\nT:System.IO.File\nSystem.Net.Http.HttpClient\n");
        File.WriteAllText(_config, """{ "banned_symbols_file": "BannedSymbols.txt" }""");

        var outcome = CliRunner.RunWithConfig(_config, "status");

        Assert.Equal(
            (1, $"kpatch-script: error: configuration {_config}: banned_symbols_file {list}, line 3: 'System.Net.Http.HttpClient' is not an entry: write a documentation comment id such as T:System.IO.File, " +
                "M:System.IO.File.Delete(System.String), P:, F:, E: or N:System.Net, optionally followed by ';' and a message\n"),
            (outcome.ExitCode, outcome.Error));
    }

    [Fact]
    public void Overrides_the_support_window_estimate()
    {
        File.WriteAllText(_config, """{ "support_window_end": "2026-03-01" }""");

        var outcome = CliRunner.RunWithConfig(_config, "status", "--json", "--target", "sysroot:" + SysrootFixtures.Get(SysrootFixtures.OneEnabledPatch));

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("\"ends\": \"2026-03-01\"", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("\"days_left\": 45", outcome.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"support_window_days\": -3 }", "support_window_days must be a positive whole number, not -3")]
    [InlineData("{ \"support_window_end\": \"next year\" }", "support_window_end must be a date like \"2026-06-30\", not \"next year\"")]
    [InlineData("{ \"suport_window_days\": 400 }", "unknown key 'suport_window_days'")]
    [InlineData("[1, 2]", "the file must hold one JSON object")]
    [InlineData("{ \"ssh_strict_host_key_checking\": \"maybe\" }", "ssh_strict_host_key_checking must be \"yes\", \"accept-new\" or \"no\", not \"maybe\"")]
    [InlineData("{ \"ssh_identity_file\": 3 }", "ssh_identity_file must be a non-empty string, not 3")]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("{ \"rule_severities\": { \"KPS9999\": \"error\" } }", "rule_severities: unknown rule 'KPS9999' (known: KPS1001, KPS1002, KPS1003, KPS1004, KPS1005, KPS1006, KPS1007, KPS1008, KPS1009)")]
    [InlineData("{ \"rule_severities\": { \"KPS1005\": \"fatal\" } }", "rule_severities: KPS1005 must be \"error\", \"warning\" or \"none\", not \"fatal\"")]
    [InlineData("{ \"rule_severities\": [\"KPS1005\"] }", "rule_severities must be an object like {\"KPS1005\": \"error\"}, not [\"KPS1005\"]")]
    [InlineData("{ \"banned_symbols_file\": \"missing.txt\" }", "banned_symbols_file ")]
    public void Rejects_a_bad_configuration_with_one_line(string content, string expected)
    {
        File.WriteAllText(_config, content);

        var outcome = CliRunner.RunWithConfig(_config, "status");

        Assert.Equal((1, ""), (outcome.ExitCode, outcome.Out));
        Assert.StartsWith($"kpatch-script: error: configuration {_config}: ", outcome.Error, StringComparison.Ordinal);
        Assert.Contains(expected, outcome.Error, StringComparison.Ordinal);
        Assert.Single(outcome.Error.TrimEnd('\n').Split('\n'));
    }
}
