using KpatchScript.Alerts;
using KpatchScript.Operations;
using KpatchScript.Reporting.Alerts;
using KpatchScript.Status;
using KpatchScript.TestFixtures;
using KpatchScript.Verification;

namespace KpatchScript.Reporting.Tests;

/// <summary>
/// Each alert rule at its edges, from rhel9-kpatch-dnf with one fact changed: the support window's
/// day boundaries, an unknown input (undetermined, never quiet-as-good), a rule turned off, and the
/// subjects each rule names.
/// </summary>
public sealed class AlertRuleBoundaryTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<(HostStatus Status, VerificationReport Verification)> Rhel = new(() => FixtureReports.Read(SysrootFixtures.Rhel9KpatchDnf));

    /// <summary>Inside its window, no reboot due, no update in the repositories, no failing check: no rule fires.</summary>
    private static HostStatus Quiet => Rhel.Value.Status with
    {
        Coverage = Rhel.Value.Status.Coverage with { Updates = Reading.Known<IReadOnlyList<AvailablePatch>>([]) },
        Kernel = Rhel.Value.Status.Kernel with
        {
            SupportWindow = Reading.Known(new SupportWindow(true, "2025-12-01", "2026-12-01", 320, "kernel build date + 365 days")),
            Reboot = Reading.Known(new RebootAdvice(RebootNeed.No, "the newest installed kernel runs")),
        },
    };

    private static VerificationReport Passing => Rhel.Value.Verification with { Checks = [.. Rhel.Value.Verification.Checks.Where(c => c.Result != CheckResult.Fail)] };

    private static RuleEvaluation Evaluate(HostStatus status, VerificationReport? verification = null, AlertSettings? settings = null) =>
        AlertRules.Evaluate(status, verification ?? Passing, settings ?? new AlertSettings(), Now);

    private static HostStatus WithWindow(int daysLeft) =>
        Quiet with { Kernel = Quiet.Kernel with { SupportWindow = Reading.Known(new SupportWindow(true, "2025-02-01", "2026-02-01", daysLeft, "kernel build date + 365 days")) } };

    private static AlertSettings Off(string rule) => new() { Rules = new Dictionary<string, AlertRuleSettings>(AlertRuleIds.Defaults) { [rule] = AlertRuleIds.Defaults[rule] with { Enabled = false } } };

    [Fact]
    public void A_host_inside_its_window_with_nothing_to_do_raises_nothing_and_leaves_nothing_undetermined()
    {
        var evaluation = Evaluate(Quiet);

        Assert.Empty(evaluation.Problems);
        Assert.Empty(evaluation.Undetermined);
    }

    [Theory]
    [InlineData(-1, 30, "kernel-not-covered")]
    [InlineData(0, 30, "support-window-ending")]
    [InlineData(30, 30, "support-window-ending")]
    [InlineData(31, 30, null)]
    [InlineData(10, 10, "support-window-ending")]
    [InlineData(11, 10, null)]
    public void The_support_window_rules_meet_at_day_zero_and_the_warning_days(int daysLeft, int warningDays, string? rule)
    {
        var settings = new AlertSettings { Rules = new Dictionary<string, AlertRuleSettings>(AlertRuleIds.Defaults) { [AlertRuleIds.SupportWindowEnding] = AlertRuleIds.Defaults[AlertRuleIds.SupportWindowEnding] with { Days = warningDays } } };

        var evaluation = Evaluate(WithWindow(daysLeft), settings: settings);

        Assert.Equal(rule is null ? [] : [rule], evaluation.Problems.Select(p => p.Rule));
    }

    [Fact]
    public void An_ended_window_says_how_many_days_ago()
    {
        var alert = Assert.Single(Evaluate(WithWindow(-12)).Problems);

        Assert.Contains("ended on 2026-02-01, 12 days ago (estimate: kernel build date + 365 days)", alert.Detail, StringComparison.Ordinal);
        Assert.Equal(AlertSeverity.Critical, alert.Severity);
    }

    [Theory]
    [InlineData(-12, "ended on 2026-02-01, 12 days ago (support_window_file: RHEL 9.2 EUS)")]
    [InlineData(5, "ends on 2026-02-01 (support_window_file: RHEL 9.2 EUS); within the")]
    public void A_window_from_data_is_not_called_an_estimate(int daysLeft, string words)
    {
        var fromData = Quiet with { Kernel = Quiet.Kernel with { SupportWindow = Reading.Known(new SupportWindow(false, "2025-02-01", "2026-02-01", daysLeft, "support_window_file: RHEL 9.2 EUS")) } };

        var alert = Assert.Single(Evaluate(fromData).Problems);

        Assert.Contains(words, alert.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_window_leaves_both_window_rules_undetermined_and_raises_nothing()
    {
        var status = Quiet with { Kernel = Quiet.Kernel with { SupportWindow = Reading.Unknown<SupportWindow>("no build date") } };

        var evaluation = Evaluate(status);

        Assert.Empty(evaluation.Problems);
        Assert.Equal(
            [("kernel-not-covered", "the support window is unknown: no build date"), ("support-window-ending", "the support window is unknown: no build date")],
            evaluation.Undetermined.Select(u => (u.Rule, u.Reason)));
    }

    [Theory]
    [InlineData(AlertRuleIds.KernelNotCovered, -5)]
    [InlineData(AlertRuleIds.SupportWindowEnding, 5)]
    public void A_rule_turned_off_neither_fires_nor_is_undetermined(string rule, int daysLeft)
    {
        var fired = Evaluate(WithWindow(daysLeft));
        var off = Evaluate(WithWindow(daysLeft), settings: Off(rule));
        var unknownOff = Evaluate(Quiet with { Kernel = Quiet.Kernel with { SupportWindow = Reading.Unknown<SupportWindow>("x") } }, settings: Off(rule));

        Assert.Equal([rule], fired.Problems.Select(p => p.Rule));
        Assert.Empty(off.Problems);
        Assert.DoesNotContain(unknownOff.Undetermined, u => u.Rule == rule);
    }

    [Theory]
    [InlineData(RebootNeed.No, false)]
    [InlineData(RebootNeed.Yes, true)]
    [InlineData(RebootNeed.YesButLivePatched, true)]
    public void A_reboot_is_recommended_whenever_the_advice_is_not_no(RebootNeed need, bool fires)
    {
        var status = Quiet with { Kernel = Quiet.Kernel with { Reboot = Reading.Known(new RebootAdvice(need, "kernel X is installed")) } };

        var evaluation = Evaluate(status);

        Assert.Equal(fires ? [$"reboot-recommended:{Quiet.Kernel.Newest.Value}"] : [], evaluation.Problems.Select(p => p.Key));
    }

    [Fact]
    public void Unknown_reboot_advice_is_undetermined()
    {
        var status = Quiet with { Kernel = Quiet.Kernel with { Reboot = Reading.Unknown<RebootAdvice>("rpm failed") } };

        var evaluation = Evaluate(status);

        Assert.Empty(evaluation.Problems);
        Assert.Equal(("reboot-recommended", "the reboot advice is unknown: rpm failed"), (evaluation.Undetermined.Single().Rule, evaluation.Undetermined.Single().Reason));
    }

    [Fact]
    public void Without_verification_the_failed_rule_is_undetermined_and_a_failed_check_other_than_transition_fires()
    {
        var none = AlertRules.Evaluate(Quiet, null, new AlertSettings(), Now);
        Assert.Equal([("verification-failed", "verification did not run")], none.Undetermined.Select(u => (u.Rule, u.Reason)));
        Assert.Empty(AlertRules.Evaluate(Quiet, null, Off(AlertRuleIds.VerificationFailed), Now).Undetermined);

        var failing = Passing with { Checks = [.. Passing.Checks, new VerificationCheck("taint-livepatch", CheckResult.Fail, "taint K is not set"), new VerificationCheck("transition", CheckResult.Fail, "x in transition")] };
        var evaluation = Evaluate(Quiet, failing);

        var alert = Assert.Single(evaluation.Problems);
        Assert.Equal(("verification-failed:taint-livepatch", "taint K is not set."), (alert.Key, alert.Detail));
    }

    [Fact]
    public void Livepatch_unsupported_fires_only_where_live_patching_is_expected()
    {
        var status = Quiet with { Livepatch = Quiet.Livepatch with { Support = Reading.Known(new LivepatchSupport(false, "/sys/kernel/livepatch does not exist")) } };

        Assert.Contains(Evaluate(status).Problems, p => p.Key == "livepatch-unsupported:kernel");
        Assert.DoesNotContain(Evaluate(status, settings: new AlertSettings { ExpectLivepatch = false }).Problems, p => p.Rule == "livepatch-unsupported");
        Assert.DoesNotContain(Evaluate(Quiet).Problems, p => p.Rule == "livepatch-unsupported");
    }

    [Fact]
    public void An_update_for_the_running_kernel_fires_with_install_or_update_and_one_for_another_kernel_does_not()
    {
        var install = new AvailablePatch("kpatch-patch-a", "1", "1.el9_4", "x86_64", Quiet.Kernel.Running.Value!, true, null, ["CVE-2024-1", "CVE-2024-2"], ["CVE-2024-1", "CVE-2024-2"]);
        var update = install with { Name = "kpatch-patch-b", InstalledVersion = "0-1.el9_4", NewCves = [] };
        var other = install with { Name = "kpatch-patch-c", ForRunningKernel = false };
        var status = Quiet with { Coverage = Quiet.Coverage with { Updates = Reading.Known<IReadOnlyList<AvailablePatch>>([install, update, other]) } };

        var alerts = Evaluate(status).Problems;

        Assert.Equal(["patch-available:kpatch-patch-a-1-1.el9_4", "patch-available:kpatch-patch-b-1-1.el9_4"], alerts.Select(a => a.Key));
        Assert.EndsWith("(none installed); it fixes CVE-2024-1, CVE-2024-2. Run 'kpatch-script install'.", alerts[0].Detail, StringComparison.Ordinal);
        Assert.EndsWith("(installed: 0-1.el9_4). Run 'kpatch-script update'.", alerts[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_module_installed_for_the_running_kernel_and_not_loaded_fires_once_with_the_cves_not_live()
    {
        var running = Quiet.Kernel.Running.Value!;
        PatchModuleFile[] modules =
        [
            new("/var/lib/kpatch/r/m.ko", "kpatch_m", running, true, false),
            new("/usr/lib/kpatch/r/m.ko", "kpatch_m", running, true, false),
            new("/var/lib/kpatch/r/loaded.ko", "kpatch_loaded", running, true, true),
            new("/var/lib/kpatch/old/o.ko", "kpatch_o", "4.18.0", false, false),
        ];
        var status = Quiet with
        {
            Kpatch = Quiet.Kpatch with { Modules = Reading.Known<IReadOnlyList<PatchModuleFile>>(modules) },
            Coverage = Quiet.Coverage with { InstalledNotLive = Reading.Known<IReadOnlyList<string>>(["CVE-2024-7", "CVE-2024-8"]) },
        };

        var alert = Assert.Single(Evaluate(status).Problems);

        Assert.Equal("installed-not-loaded:kpatch_m", alert.Key);
        Assert.Contains("not loaded; CVEs not live: CVE-2024-7, CVE-2024-8.", alert.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_patch_in_transition_fires_with_the_verification_detail_or_its_own_state()
    {
        var patch = Quiet.Livepatch.Patches.Value![0] with { Transition = Reading.Known(true), State = "enabling" };
        var status = Quiet with { Livepatch = Quiet.Livepatch with { Patches = Reading.Known<IReadOnlyList<LivepatchPatch>>([patch]) } };
        var withDetail = Passing with { Checks = [.. Passing.Checks, new VerificationCheck("transition", CheckResult.Fail, "waiting for worker")] };

        var described = Assert.Single(Evaluate(status, withDetail).Problems);
        var own = Assert.Single(Evaluate(status).Problems);

        Assert.Equal($"transition-stalled:{patch.Name}", described.Key);
        Assert.StartsWith("waiting for worker. Tasks that sleep", described.Detail, StringComparison.Ordinal);
        Assert.StartsWith($"{patch.Name} is in transition (enabling). Tasks", own.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_inputs_leave_their_rules_undetermined()
    {
        var status = Quiet with
        {
            Coverage = Quiet.Coverage with { Updates = Reading.Unknown<IReadOnlyList<AvailablePatch>>("dnf failed") },
            Kpatch = Quiet.Kpatch with { Modules = Reading.Unknown<IReadOnlyList<PatchModuleFile>>("denied") },
            Livepatch = Quiet.Livepatch with { Patches = Reading.Unknown<IReadOnlyList<LivepatchPatch>>("unlisted"), Support = Reading.Unknown<LivepatchSupport>("no sysfs") },
        };

        var evaluation = Evaluate(status);

        Assert.Equal(
            ["patch-available", "installed-not-loaded", "transition-stalled", "livepatch-unsupported"],
            evaluation.Undetermined.Select(u => u.Rule));
        Assert.Equal("which live patches are available is unknown: dnf failed", evaluation.Undetermined[0].Reason);
    }

    [Fact]
    public void Each_alert_says_what_it_is_about_in_its_summary_and_detail()
    {
        var host = Quiet.Host.Hostname.Value;
        var running = Quiet.Kernel.Running.Value!;
        var update = new AvailablePatch("kpatch-patch-a", "1", "1.el9_4", "x86_64", running, true, null, [], []);
        var module = new PatchModuleFile("/var/lib/kpatch/r/m.ko", "kpatch_m", running, true, false);
        var status = Quiet with
        {
            Coverage = Quiet.Coverage with { Updates = Reading.Known<IReadOnlyList<AvailablePatch>>([update]), InstalledNotLive = Reading.Known<IReadOnlyList<string>>([]) },
            Kpatch = Quiet.Kpatch with { Modules = Reading.Known<IReadOnlyList<PatchModuleFile>>([module]) },
            Livepatch = Quiet.Livepatch with { Support = Reading.Known(new LivepatchSupport(false, "/sys/kernel/livepatch does not exist")) },
            Kernel = Quiet.Kernel with
            {
                SupportWindow = Reading.Known(new SupportWindow(true, "2025-02-01", "2026-02-01", 3, "b")),
                Reboot = Reading.Known(new RebootAdvice(RebootNeed.Yes, "kernel N is installed")),
            },
        };

        var alerts = Evaluate(status).Problems.ToDictionary(a => a.Rule, a => (a.Summary, a.Detail));

        Assert.Equal(($"{host}: live patch kpatch-patch-a-1-1.el9_4 is available, not installed", "kpatch-patch-a-1-1.el9_4 for the running kernel is in the repositories (none installed). Run 'kpatch-script install'."), alerts["patch-available"]);
        Assert.Equal(($"{host}: patch module kpatch_m is installed but not loaded", "/var/lib/kpatch/r/m.ko is installed for the running kernel but not loaded. Load it with 'kpatch load /var/lib/kpatch/r/m.ko' or check kpatch.service."), alerts["installed-not-loaded"]);
        Assert.Equal(($"{host}: live patches for kernel {running} end in 3 days (2026-02-01)", $"The support window of {running} ends on 2026-02-01 (estimate: b); within the 30 days this rule warns about. Plan a kernel update and reboot."), alerts["support-window-ending"]);
        Assert.Equal(($"{host}: a reboot into {Quiet.Kernel.Newest.Value} is recommended", "kernel N is installed."), alerts["reboot-recommended"]);
        Assert.Equal(($"{host}: the kernel does not support live patching", "/sys/kernel/livepatch does not exist; this host is expected to have it (alerts.expect_livepatch). Boot a kernel with livepatch support."), alerts["livepatch-unsupported"]);
    }

    [Fact]
    public void Unknown_kernels_are_named_in_words_and_a_kernel_that_is_not_eligible_says_so()
    {
        var status = Quiet with
        {
            Kernel = Quiet.Kernel with
            {
                Running = Reading.Unknown<string>("x"),
                Newest = Reading.Unknown<string>("y"),
                Eligibility = Reading.Known(new KernelEligibility("k", false, [], null, null, "boot kernel E")),
                Reboot = Reading.Known(new RebootAdvice(RebootNeed.Yes, "r")),
            },
        };

        var alerts = Evaluate(status).Problems;

        Assert.Equal(["kernel-not-covered:the running kernel", "reboot-recommended:a newer kernel"], alerts.Select(a => a.Key));
        Assert.EndsWith(": kernel the running kernel gets no live patches (not kpatch-eligible)", alerts[0].Summary, StringComparison.Ordinal);
        Assert.Equal("No package in the enabled repositories provides kpatch-patch = the running kernel: boot kernel E.", alerts[0].Detail);
    }

    [Fact]
    public void Each_unknown_input_is_named_in_its_undetermined_reason()
    {
        var status = Quiet with
        {
            Kpatch = Quiet.Kpatch with { Modules = Reading.Unknown<IReadOnlyList<PatchModuleFile>>("denied") },
            Livepatch = Quiet.Livepatch with { Patches = Reading.Unknown<IReadOnlyList<LivepatchPatch>>("unlisted"), Support = Reading.Unknown<LivepatchSupport>("no sysfs") },
        };

        Assert.Equal(
            ["the installed patch modules is unknown: denied", "the loaded live patches is unknown: unlisted", "livepatch support is unknown: no sysfs"],
            Evaluate(status).Undetermined.Select(u => u.Reason));
    }
}
