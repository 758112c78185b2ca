using System.Text.Json;
using KpatchScript.Testing.Fixtures;

namespace KpatchScript.Cli.Tests;

public sealed class VerifyCommandTests
{
    private static string Sysroot(string fixture) => "sysroot:" + SysrootFixtures.Get(fixture);

    [Theory]
    [InlineData(SysrootFixtures.OneEnabledPatch, 0, "KPATCH OK - 5 checks passed | checks=7;;;0 failed=0;;1;0 warnings=0;1;;0")]
    [InlineData(SysrootFixtures.DisabledModuleLoaded, 1, "KPATCH WARNING - reboot: kernel 6.1.0-42-amd64 is installed but 6.1.0-41-amd64 is running, with no live patch | checks=7;;;0 failed=0;;1;0 warnings=1;1;;0")]
    [InlineData(SysrootFixtures.PatchInTransition, 2, "KPATCH CRITICAL - transition: livepatch_sleep in transition when captured; waiting for postgres (pid 733, tid 741) in do_nanosleep+0x6d/0x1a0, klp_sleeper (pid 1234, tid 1234) in do_nanosleep+0x6d/0x1a0 | checks=7;;;0 failed=1;;1;0 warnings=0;1;;0")]
    public void Nagios_prints_one_status_line_and_exits_with_the_plugin_code(string fixture, int exitCode, string line)
    {
        var outcome = CliRunner.Run("verify", "--nagios", "--target", Sysroot(fixture));

        Assert.Equal((exitCode, line + "\n", ""), (outcome.ExitCode, outcome.Out, outcome.Error));
    }

    [Fact]
    public void Json_follows_the_schema()
    {
        var outcome = CliRunner.Run("verify", "--json", "--target", Sysroot(SysrootFixtures.Rhel9KpatchDnf));

        Assert.Equal(1, outcome.ExitCode);
        Assert.Empty(JsonSchemaFile.Verification.Errors(outcome.Out));
        Assert.Equal("warn", JsonDocument.Parse(outcome.Out).RootElement.GetProperty("verdict").GetString());
    }

    [Fact]
    public void Words_list_each_check_and_the_verdict()
    {
        var outcome = CliRunner.Run("verify", "--target", Sysroot(SysrootFixtures.PatchInTransition));

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("fail  transition: livepatch_sleep in transition when captured", outcome.Out, StringComparison.Ordinal);
        Assert.EndsWith("verdict: fail\n", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_and_nagios_together_are_a_usage_error()
    {
        var outcome = CliRunner.Run("verify", "--json", "--nagios");

        Assert.Equal((2, "kpatch-script: error: --json and --nagios are alternatives; choose one\n"), (outcome.ExitCode, outcome.Error));
    }
}
