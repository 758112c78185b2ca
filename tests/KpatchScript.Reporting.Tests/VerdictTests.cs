using KpatchScript.Operations;
using KpatchScript.Reporting.Verdicts;
using KpatchScript.Status;
using KpatchScript.Testing.Fixtures;
using KpatchScript.Verification;

namespace KpatchScript.Reporting.Tests;

/// <summary>The verdict in words an admin uses; starting from rhel9-kpatch-dnf (support ended, reboot recommended) and changing one fact at a time.</summary>
public sealed class VerdictTests
{
    private static readonly (HostStatus Status, VerificationReport Verification) Rhel = FixtureReports.Read(SysrootFixtures.Rhel9KpatchDnf);

    /// <summary>The same host inside its support window, running its newest kernel: nothing to do.</summary>
    private static HostStatus Healthy => Rhel.Status with
    {
        Kernel = Rhel.Status.Kernel with
        {
            SupportWindow = Reading.Known(new SupportWindow(true, "2025-12-01", "2026-12-01", 320, "kernel build date + 365 days")),
            Reboot = Reading.Known(new RebootAdvice(RebootNeed.No, "the newest installed kernel runs")),
        },
    };

    private static VerificationReport Passing => Rhel.Verification with { Checks = [.. Rhel.Verification.Checks.Where(c => c.Name != "reboot")] };

    [Fact]
    public void A_healthy_host_is_covered_and_says_what_covers_it()
    {
        var verdict = VerdictJudge.Judge(Healthy, Passing);

        Assert.Equal(VerdictStates.Covered, verdict.State);
        Assert.Equal("rhel94-app03 is covered: 1 live patch(es) enabled, 3 CVE(s) fixed live, support until 2026-12-01 (320 days, estimate).", verdict.Summary);
        Assert.Equal(["updates-not-checked"], verdict.Reasons.Select(r => r.Code));
    }

    [Fact]
    public void The_support_window_ending_within_the_threshold_needs_action()
    {
        var status = Healthy with { Kernel = Healthy.Kernel with { SupportWindow = Reading.Known(new SupportWindow(true, "2025-02-01", "2026-02-01", 17, "b")) } };

        Assert.Equal(VerdictStates.ActionNeeded, VerdictJudge.Judge(status, Passing).State);
        Assert.Equal(VerdictStates.Covered, VerdictJudge.Judge(status, Passing, new VerdictOptions { SupportWindowWarningDays = 10 }).State);
    }

    [Fact]
    public void An_available_update_and_cves_installed_but_not_live_need_action()
    {
        var update = new AvailablePatch("kpatch-patch-5_14_0-427_13_1", "1", "3.el9_4", "x86_64", "5.14.0-427.13.1.el9_4.x86_64", true, "1-2.el9_4", ["CVE-2024-0001"], ["CVE-2024-0001"]);
        var status = Healthy with { Coverage = Healthy.Coverage with { InstalledNotLive = Reading.Known<IReadOnlyList<string>>(["CVE-2023-9"]), Updates = Reading.Known<IReadOnlyList<AvailablePatch>>([update]) } };

        var verdict = VerdictJudge.Judge(status, Passing, new VerdictOptions { UpdatesChecked = true });

        Assert.Equal(VerdictStates.ActionNeeded, verdict.State);
        Assert.Equal(["cves-not-live", "update-available"], verdict.Reasons.Select(r => r.Code));
        Assert.Contains("kpatch-patch-5_14_0-427_13_1-1-3.el9_4 is available (installed: 1-2.el9_4), fixing CVE-2024-0001", verdict.Reasons[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_values_are_never_counted_as_good()
    {
        var status = Healthy with { Kernel = Healthy.Kernel with { Reboot = Reading.Unknown<RebootAdvice>("rpm failed") } };

        var verdict = VerdictJudge.Judge(status, Passing);

        Assert.Equal(VerdictStates.ActionNeeded, verdict.State);
        Assert.Equal("Whether a reboot is due is unknown: rpm failed.", Assert.Single(verdict.Reasons, r => r.Level != VerdictStates.Note).Text);
        // Updates that were asked for and could not be listed are an unknown too.
        var checkedButFailed = VerdictJudge.Judge(Healthy with { Coverage = Healthy.Coverage with { Updates = Reading.Unknown<IReadOnlyList<AvailablePatch>>("dnf: repository unreachable") } }, Passing, new VerdictOptions { UpdatesChecked = true });
        Assert.Equal((VerdictStates.ActionNeeded, "unknown-updates"), (checkedButFailed.State, checkedButFailed.Reasons[0].Code));
    }

    [Fact]
    public void A_failed_check_or_a_kernel_without_livepatch_is_not_covered()
    {
        var failing = Passing with { Checks = [.. Passing.Checks, new VerificationCheck("patches-enabled", CheckResult.Fail, "kpatch_x is disabled")] };
        Assert.Equal((VerdictStates.NotCovered, "check-failed:patches-enabled"), (VerdictJudge.Judge(Healthy, failing).State, VerdictJudge.Judge(Healthy, failing).Reasons[0].Code));

        var unsupported = Healthy with { Livepatch = Healthy.Livepatch with { Support = Reading.Known(new LivepatchSupport(false, "/sys/kernel/livepatch does not exist")) } };
        Assert.Equal("livepatch-unsupported", VerdictJudge.Judge(unsupported, Passing).Reasons[0].Code);
    }

    [Fact]
    public void Without_verification_the_status_shows_disabled_and_stalled_patches_and_says_verification_did_not_run()
    {
        var (stalled, _) = FixtureReports.Read(SysrootFixtures.LabStalled);

        var verdict = VerdictJudge.Judge(stalled, verification: null);

        Assert.Equal(VerdictStates.NotCovered, verdict.State);
        Assert.Equal("patch-in-transition", verdict.Reasons[0].Code);
        Assert.Contains(verdict.Reasons, r => r.Code == "verification-not-run" && r.Level == VerdictStates.Note);
    }
}
