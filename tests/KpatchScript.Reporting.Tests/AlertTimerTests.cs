using KpatchScript.Alerts;
using KpatchScript.Reporting.Alerts;
using KpatchScript.Status;
using KpatchScript.TestFixtures;
using KpatchScript.Verification;

namespace KpatchScript.Reporting.Tests;

/// <summary>
/// A timer runs the alert evaluation every 15 minutes with the state file in between: the first run
/// notifies, later runs within the re-notification interval stay quiet, after it the problem is
/// notified again, and when it clears exactly one resolution notice goes out.
/// </summary>
public sealed class AlertTimerTests : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMinutes(15);
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-alert-state-").FullName;
    private DateTimeOffset _now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string StatePath => Path.Combine(_directory, AlertStateFile.Relative);

    /// <summary>One timer run: evaluate, deduplicate against the state file, save it; the notifications sent.</summary>
    private List<Alert> Run(HostStatus status, VerificationReport verification, AlertSettings? settings = null)
    {
        settings ??= new AlertSettings();
        var tracked = AlertTracker.Track(AlertRules.Evaluate(status, verification, settings, _now), AlertStateFile.Read(StatePath), status.Target, settings, _now);
        AlertStateFile.Write(StatePath, tracked.State);
        _now += Tick;
        return [.. tracked.Notifications];
    }

    [Fact]
    public void First_run_notifies_then_quiet_until_the_interval_then_again_and_one_resolution_when_it_clears()
    {
        var (status, verification) = FixtureReports.Read(SysrootFixtures.Rhel9KpatchDnf); // support ended, reboot recommended
        var first = Run(status, verification);
        Assert.Equal(["kernel-not-covered:5.14.0-427.13.1.el9_4.x86_64", "reboot-recommended:5.14.0-503.11.1.el9_5.x86_64"], first.Select(a => a.Key));
        Assert.All(first, a => Assert.Equal(AlertState.Firing, a.State));

        // 24 h of quarter-hour runs after the first: 95 quiet ones, then the re-notification at 24 h.
        var quiet = Enumerable.Range(0, 95).Select(_ => Run(status, verification)).ToList();
        Assert.All(quiet, Assert.Empty);
        var again = Run(status, verification);
        Assert.Equal(first.Select(a => a.Key), again.Select(a => a.Key));
        Assert.All(again, a => Assert.Equal(first[0].Since, a.Since)); // still the first sighting

        // The reboot happened: the newest kernel runs. One resolution notice, then silence.
        var rebooted = status with { Kernel = status.Kernel with { Reboot = Reading.Known(new RebootAdvice(RebootNeed.No, "the newest installed kernel runs")) } };
        var cleared = Run(rebooted, verification);
        var resolution = Assert.Single(cleared);
        Assert.Equal(("reboot-recommended:5.14.0-503.11.1.el9_5.x86_64", AlertState.Resolved), (resolution.Key, resolution.State));
        Assert.StartsWith("resolved: ", resolution.Summary, StringComparison.Ordinal);
        Assert.Empty(Run(rebooted, verification));
    }

    [Fact]
    public void A_transition_is_pending_until_its_hold_time_then_fires_once_and_a_pending_one_that_clears_sends_nothing()
    {
        var (stalled, verification) = FixtureReports.Read(SysrootFixtures.LabStalled);
        var settings = new AlertSettings();

        Assert.DoesNotContain(Run(stalled, verification, settings), a => a.Rule == AlertRuleIds.TransitionStalled); // seen at 0 min
        var fired = Run(stalled, verification, settings); // 15 min > 10 min hold
        Assert.Equal(["transition-stalled:lab_stall_patch"], fired.Where(a => a.Rule == AlertRuleIds.TransitionStalled).Select(a => a.Key));
        Assert.Empty(Run(stalled, verification, settings));

        // The same lab host once the transition finished (the lab-loaded capture, as the same target).
        var (loaded, loadedVerification) = FixtureReports.Read(SysrootFixtures.LabLoaded);
        Assert.Equal(["transition-stalled:lab_stall_patch"], Run(loaded with { Target = stalled.Target }, loadedVerification, settings).Where(a => a.State == AlertState.Resolved).Select(a => a.Key));
    }

    [Fact]
    public void A_kernel_that_is_not_eligible_fires_kernel_not_covered_naming_the_remedy_and_leaves_the_window_rules_quiet()
    {
        var (status, verification) = FixtureReports.Read(SysrootFixtures.Rhel9KpatchDnf);
        var notEligible = status with
        {
            Kernel = status.Kernel with
            {
                Eligibility = Reading.Known(new KernelEligibility(status.Kernel.Running.Value!, false, [], null, "5.14.0-503.11.1.el9_5.x86_64",
                    "install kernel 5.14.0-503.11.1.el9_5.x86_64, the newest kpatch-eligible kernel in the enabled repositories, and reboot into it")),
                SupportWindow = Reading.Unknown<SupportWindow>("kernel 5.14.0-427.13.1.el9_4.x86_64 is not kpatch-eligible"),
            },
        };

        var evaluation = AlertRules.Evaluate(notEligible, verification, new AlertSettings(), _now);

        var alert = Assert.Single(evaluation.Problems, a => a.Rule == AlertRuleIds.KernelNotCovered);
        Assert.Equal(
            ("kernel-not-covered:5.14.0-427.13.1.el9_4.x86_64", "No package in the enabled repositories provides kpatch-patch = 5.14.0-427.13.1.el9_4.x86_64: install kernel 5.14.0-503.11.1.el9_5.x86_64, the newest kpatch-eligible kernel in the enabled repositories, and reboot into it."),
            (alert.Key, alert.Detail));
        Assert.DoesNotContain(evaluation.Undetermined, u => u.Rule is AlertRuleIds.KernelNotCovered or AlertRuleIds.SupportWindowEnding);
    }

    [Fact]
    public void A_rule_that_cannot_judge_neither_fires_nor_resolves()
    {
        var (status, verification) = FixtureReports.Read(SysrootFixtures.Rhel9KpatchDnf);
        Assert.Contains(Run(status, verification), a => a.Rule == AlertRuleIds.KernelNotCovered);

        var unknownWindow = status with { Kernel = status.Kernel with { SupportWindow = Reading.Unknown<SupportWindow>("/proc/version is unreadable") } };
        Assert.Empty(Run(unknownWindow, verification));

        Assert.Contains(AlertStateFile.Read(StatePath), e => e.Rule == AlertRuleIds.KernelNotCovered);
    }

    [Fact]
    public void A_disabled_rule_raises_nothing_and_a_severity_from_configuration_is_used()
    {
        var (status, verification) = FixtureReports.Read(SysrootFixtures.Rhel9KpatchDnf);
        var rules = new Dictionary<string, AlertRuleSettings>(AlertRuleIds.Defaults)
        {
            [AlertRuleIds.RebootRecommended] = new(false, AlertSeverity.Info),
            [AlertRuleIds.KernelNotCovered] = new(true, AlertSeverity.Warning),
        };

        var sent = Run(status, verification, new AlertSettings { Rules = rules });

        Assert.Equal([("kernel-not-covered", AlertSeverity.Warning)], sent.Select(a => (a.Rule, a.Severity)));
    }

    [Fact]
    public void A_corrupt_state_file_is_an_error_and_is_left_as_it_is()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(StatePath)!);
        File.WriteAllText(StatePath, "{ torn");

        var error = Assert.Throws<AlertStateException>(() => AlertStateFile.Read(StatePath));

        Assert.StartsWith($"alert state {StatePath} is corrupt (", error.Message, StringComparison.Ordinal);
        Assert.Equal("{ torn", File.ReadAllText(StatePath));
    }
}
