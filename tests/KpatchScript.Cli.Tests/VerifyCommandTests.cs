using System.Text.Json;
using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests;

public sealed class VerifyCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-verify-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Sysroot(string fixture) => "sysroot:" + SysrootFixtures.Get(fixture);

    private string Config(string json)
    {
        var path = Path.Combine(_directory, "config.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Theory]
    [InlineData(SysrootFixtures.Rhel9Covered, 0, "KPATCH OK - rhel96-db01 is covered: 1 live patch(es) enabled, 2 CVE(s) fixed live, support until 2026-10-14 (272 days, estimate). | checks=9;;;0 failed=0;;1;0 warnings=0;1;;0 not_covered=0;;1;0 action_needed=0;1;;0")]
    [InlineData(SysrootFixtures.LabLoaded, 1, "KPATCH WARNING - sysroot:{root} needs action: Verification warns: module-signature: the kernel marked lab_cmdline E when it loaded it: unsigned, or signed by a key the kernel does not trust (Red Hat's live patches are signed with a key RHEL kernels trust: find out where this one came from) (and 2 more). | checks=8;;;0 failed=0;;1;0 warnings=1;1;;0 not_covered=0;;1;0 action_needed=3;1;;0")]
    [InlineData(SysrootFixtures.OneEnabledPatch, 2, "KPATCH CRITICAL - rhel92-web01 is not covered: Live patch support for the running kernel ended on 2024-04-11, 644 days ago (estimate); update the kernel and reboot. | checks=8;;;0 failed=0;;1;0 warnings=0;1;;0 not_covered=1;;1;0 action_needed=2;1;;0")]
    [InlineData(SysrootFixtures.PatchInTransition, 2, "KPATCH CRITICAL - trixie-db is not covered: Verification failed: transition: livepatch_sleep in transition when captured; waiting for postgres (pid 733, tid 741) in do_nanosleep+0x6d/0x1a0, klp_sleeper (pid 1234, tid 1234) in do_nanosleep+0x6d/0x1a0. | checks=8;;;0 failed=1;;1;0 warnings=1;1;;0 not_covered=1;;1;0 action_needed=3;1;;0")]
    public void Nagios_prints_the_verdict_and_its_first_reason_and_exits_0_only_for_covered(string fixture, int exitCode, string line)
    {
        var outcome = CliRunner.Run("verify", "--nagios", "--target", Sysroot(fixture));

        Assert.Equal((exitCode, line.Replace("{root}", SysrootFixtures.Get(fixture), StringComparison.Ordinal) + "\n", ""), (outcome.ExitCode, outcome.Out, outcome.Error));
    }

    [Fact]
    public void Checks_that_all_pass_or_skip_are_no_all_clear_on_a_host_with_nothing_installed()
    {
        var outcome = CliRunner.Run("verify", "--json", "--target", Sysroot("rhel9-covered-nothing-installed"));

        var root = JsonDocument.Parse(outcome.Out).RootElement;
        Assert.Equal(2, outcome.ExitCode);
        Assert.NotEqual("fail", root.GetProperty("result").GetString());
        Assert.Equal(("not covered", "nothing-installed"), (root.GetProperty("verdict").GetProperty("state").GetString(), root.GetProperty("verdict").GetProperty("reasons")[0].GetProperty("code").GetString()));
    }

    [Fact]
    public void Updates_asked_for_and_not_answered_are_an_unknown_that_needs_action()
    {
        // A captured tree runs no dnf: with --check-updates, whether the kernel gets live patches at all
        // and whether a newer one exists are unknown, each a reason that needs action.
        var outcome = CliRunner.Run("verify", "--nagios", "--check-updates", "--target", Sysroot(SysrootFixtures.Rhel9Covered));
        var json = JsonDocument.Parse(CliRunner.Run("verify", "--json", "--check-updates", "--target", Sysroot(SysrootFixtures.Rhel9Covered)).Out).RootElement;

        Assert.Equal(1, outcome.ExitCode);
        Assert.StartsWith("KPATCH WARNING - rhel96-db01 needs action: Whether the running kernel gets live patches at all is unknown: ", outcome.Out, StringComparison.Ordinal);
        Assert.Equal(["unknown-eligibility", "unknown-updates"],
            json.GetProperty("verdict").GetProperty("reasons").EnumerateArray().Where(r => r.GetProperty("level").GetString() == "action needed").Select(r => r.GetProperty("code").GetString()));
    }

    [Fact]
    public void Json_follows_the_schema_with_the_verdict_and_the_checks_worst_result()
    {
        var outcome = CliRunner.Run("verify", "--json", "--target", Sysroot(SysrootFixtures.Rhel9KpatchDnf));

        Assert.Equal(2, outcome.ExitCode);
        Assert.Empty(JsonSchemaFile.Verification.Errors(outcome.Out));
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        Assert.Equal((2, "warn", "not covered"), (root.GetProperty("schema_version").GetInt32(), root.GetProperty("result").GetString(), root.GetProperty("verdict").GetProperty("state").GetString()));
    }

    [Fact]
    public void Words_start_with_the_verdict_and_its_reasons_then_list_each_check()
    {
        var outcome = CliRunner.Run("verify", "--target", Sysroot(SysrootFixtures.PatchInTransition));

        Assert.Equal(2, outcome.ExitCode);
        Assert.StartsWith("NOT COVERED: trixie-db is not covered: Verification failed: transition: livepatch_sleep", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("\n  - [not covered] Verification failed: transition: livepatch_sleep in transition when captured", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("\nfail  transition: livepatch_sleep in transition when captured", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kernel_without_livepatch_is_critical_unless_the_site_downgrades_that_reason_and_only_that_reason()
    {
        var critical = CliRunner.Run("verify", "--nagios", "--target", Sysroot("rhel9-covered-no-livepatch"));
        var accepted = CliRunner.RunWithConfig(Config("""{ "verdict": { "downgrade": { "livepatch-unsupported": "note", "check-failed:installed-modules-loaded": "note" } } }"""),
            "verify", "--nagios", "--target", Sysroot("rhel9-covered-no-livepatch"));

        Assert.Equal(2, critical.ExitCode);
        Assert.StartsWith("KPATCH CRITICAL - rhel96-db01 is not covered: The kernel cannot be live patched: /sys/kernel/livepatch does not exist", critical.Out, StringComparison.Ordinal);
        // Only the named codes weigh less: the installed package's CVEs that are not live still need action.
        Assert.Equal((1, ""), (accepted.ExitCode, accepted.Error));
        Assert.StartsWith("KPATCH WARNING - rhel96-db01 needs action: 2 CVE(s) are fixed by installed packages but not live", accepted.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "verdict": { "downgrade": { "livepatch-unsuported": "note" } } }""", "verdict.downgrade: 'livepatch-unsuported' is not a reason code (known: unknown-running-kernel, ")]
    [InlineData("""{ "verdict": { "downgrade": { "support-window-ended": "covered" } } }""", "verdict.downgrade.support-window-ended must be \"action needed\" or \"note\", not \"covered\"")]
    [InlineData("""{ "verdict": { "accept": [] } }""", "unknown key 'verdict.accept' (known: verdict.downgrade)")]
    public void A_wrong_downgrade_is_one_line_and_nagios_unknown(string json, string expected)
    {
        var config = Config(json);

        var outcome = CliRunner.RunWithConfig(config, "verify", "--nagios", "--target", Sysroot(SysrootFixtures.Rhel9Covered));

        Assert.Equal(3, outcome.ExitCode);
        Assert.StartsWith($"kpatch-script: error: configuration {config}: {expected}", outcome.Error, StringComparison.Ordinal);
        Assert.StartsWith($"KPATCH UNKNOWN - configuration {config}: {expected}", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_that_cannot_be_read_at_all_is_unknown_3_in_every_form()
    {
        var missing = Path.Combine(_directory, "no-such-tree");
        var empty = Directory.CreateDirectory(Path.Combine(_directory, "empty")).FullName;

        var unreachable = CliRunner.Run("verify", "--nagios", "--target", "sysroot:" + missing);
        var notAHost = CliRunner.Run("verify", "--json", "--target", "sysroot:" + empty);

        Assert.Equal(3, unreachable.ExitCode);
        Assert.StartsWith("KPATCH UNKNOWN - ", unreachable.Out, StringComparison.Ordinal);
        Assert.Single(unreachable.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal((3, ""), (notAHost.ExitCode, notAHost.Out));
        Assert.StartsWith($"kpatch-script: error: sysroot:{empty} does not look like a host: ", notAHost.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_and_nagios_together_are_a_usage_error()
    {
        var outcome = CliRunner.Run("verify", "--json", "--nagios");

        Assert.Equal((2, "kpatch-script: error: --json and --nagios are alternatives; choose one\n"), (outcome.ExitCode, outcome.Error));
    }
}
