using KpatchScript.Operations;
using KpatchScript.Status;
using KpatchScript.Verdicts;
using KpatchScript.Verification;

namespace KpatchScript.Core.Tests.Verdicts;

/// <summary>
/// Each reason code the verdict gives, at the level it gives it, with the text an admin reads; one
/// fact changed at a time on a covered host (rhel9-kpatch-dnf inside its window, newest kernel running).
/// </summary>
public sealed class VerdictReasonTests
{
    /// <summary>The healthy host of <see cref="VerdictJudgeTests"/>, with the repositories asked: no update.</summary>
    private static HostStatus Covered => VerdictJudgeTests.Healthy with
    {
        Coverage = VerdictJudgeTests.Healthy.Coverage with { Updates = Reading.Known<IReadOnlyList<AvailablePatch>>([]) },
    };

    private static IReadOnlyList<VerificationCheck> Passing => VerdictJudgeTests.Passing;

    private static HostStatus WithKernel(Func<KernelStatus, KernelStatus> change) => Covered with { Kernel = change(Covered.Kernel) };

    private static VerdictReason Only(Verdict verdict) => Assert.Single(verdict.Reasons);

    private static void AssertReason(HostStatus status, string code, ReasonLevel level, string text, IReadOnlyList<VerificationCheck>? checks = null)
    {
        var reason = Only(VerdictJudge.Judge(status, checks ?? Passing));
        Assert.Equal((code, level, text), (reason.Code, reason.Level, reason.Text));
    }

    [Fact]
    public void The_covered_host_has_no_reason_at_all()
    {
        var verdict = VerdictJudge.Judge(Covered, Passing);

        Assert.Equal(VerdictState.Covered, verdict.State);
        Assert.Empty(verdict.Reasons);
    }

    [Fact]
    public void An_unknown_running_kernel_needs_action()
    {
        AssertReason(WithKernel(k => k with { Running = Reading.Unknown<string>("osrelease unreadable") }),
            "unknown-running-kernel", ReasonLevel.ActionNeeded, "The running kernel is unknown: osrelease unreadable.");
    }

    [Fact]
    public void Unknown_livepatch_support_needs_action_and_no_support_is_not_covered()
    {
        var unknown = Covered with { Livepatch = Covered.Livepatch with { Support = Reading.Unknown<LivepatchSupport>("no sysfs") } };
        var none = Covered with { Livepatch = Covered.Livepatch with { Support = Reading.Known(new LivepatchSupport(false, "built without CONFIG_LIVEPATCH")) } };

        var unknownReason = VerdictJudge.Judge(unknown, Passing).Reasons[0];
        var noneReason = VerdictJudge.Judge(none, Passing).Reasons[0];

        Assert.Equal(("unknown-livepatch-support", ReasonLevel.ActionNeeded, "Whether the kernel can be live patched is unknown: no sysfs."), (unknownReason.Code, unknownReason.Level, unknownReason.Text));
        Assert.Equal(("livepatch-unsupported", ReasonLevel.NotCovered, "The kernel cannot be live patched: built without CONFIG_LIVEPATCH."), (noneReason.Code, noneReason.Level, noneReason.Text));
    }

    [Fact]
    public void Eligibility_not_asked_is_no_finding_unknown_needs_action_and_not_eligible_is_not_covered_without_a_window_reason()
    {
        Assert.Empty(VerdictJudge.Judge(WithKernel(k => k with { Eligibility = Reading.Unknown<KernelEligibility>(KernelStatus.EligibilityNotChecked) }), Passing).Reasons);
        Assert.Empty(VerdictJudge.Judge(WithKernel(k => k with { Eligibility = Reading.Known(new KernelEligibility(k.Running.Value!, true, ["p"], null, null, null)) }), Passing).Reasons);

        AssertReason(WithKernel(k => k with { Eligibility = Reading.Unknown<KernelEligibility>("dnf failed") }),
            "unknown-eligibility", ReasonLevel.ActionNeeded, "Whether the running kernel gets live patches at all is unknown: dnf failed.");

        var notEligible = WithKernel(k => k with
        {
            Eligibility = Reading.Known(new KernelEligibility("5.14.0-1.el9", false, [], null, "5.14.0-2.el9", "install kernel 5.14.0-2.el9")),
            SupportWindow = Reading.Unknown<SupportWindow>("no package"),
        });
        AssertReason(notEligible, "kernel-not-eligible", ReasonLevel.NotCovered,
            "This kernel gets no live patches: no package in the enabled repositories provides kpatch-patch = 5.14.0-1.el9 (it is not a kpatch-eligible kernel); install kernel 5.14.0-2.el9.");
    }

    [Fact]
    public void An_unknown_support_window_needs_action()
    {
        AssertReason(WithKernel(k => k with { SupportWindow = Reading.Unknown<SupportWindow>("no build date") }),
            "unknown-support-window", ReasonLevel.ActionNeeded, "Until when the kernel gets live patches is unknown: no build date.");
    }

    [Theory]
    [InlineData(-1, 30, "support-window-ended", ReasonLevel.NotCovered, "Live patch support for the running kernel ended on E, 1 days ago (estimate); update the kernel and reboot.")]
    [InlineData(0, 30, "support-window-ending", ReasonLevel.ActionNeeded, "Live patch support for the running kernel ends on E, in 0 days (estimate); plan a kernel update and reboot.")]
    [InlineData(30, 30, "support-window-ending", ReasonLevel.ActionNeeded, "Live patch support for the running kernel ends on E, in 30 days (estimate); plan a kernel update and reboot.")]
    [InlineData(0, 0, "support-window-ending", ReasonLevel.ActionNeeded, "Live patch support for the running kernel ends on E, in 0 days (estimate); plan a kernel update and reboot.")]
    [InlineData(1, 0, null, ReasonLevel.Note, null)]
    [InlineData(31, 30, null, ReasonLevel.Note, null)]
    public void The_support_window_is_ended_below_day_zero_and_ending_up_to_the_warning_days(int daysLeft, int warningDays, string? code, ReasonLevel level, string? text)
    {
        var status = WithKernel(k => k with { SupportWindow = Reading.Known(new SupportWindow(true, "B", "E", daysLeft, "b")) });

        var verdict = VerdictJudge.Judge(status, Passing, new VerdictOptions { SupportWindowWarningDays = warningDays });

        if (code is null)
        {
            Assert.Empty(verdict.Reasons);
            return;
        }

        var reason = Only(verdict);
        Assert.Equal((code, level, text), (reason.Code, reason.Level, reason.Text));
    }

    [Theory]
    [InlineData(SupportWindow.FromConfiguration, null, "set in configuration")]
    [InlineData(SupportWindow.FromLifecycleFile, "EUS", "lifecycle data, EUS")]
    [InlineData(SupportWindow.FromLifecycleFile, null, "lifecycle data")]
    [InlineData(SupportWindow.FromRepositories, null, "from the first live patch package")]
    [InlineData(SupportWindow.FromEstimate, null, "estimate")]
    public void A_window_says_where_its_end_comes_from(string source, string? stream, string words)
    {
        Assert.Equal(words, VerdictFindings.SourceWords(new SupportWindow(false, "B", "E", 5, "b") { Source = source, Stream = stream }));
    }

    [Fact]
    public void Failed_and_warning_checks_are_reasons_at_their_level_and_the_reboot_check_is_left_to_the_reboot_advice()
    {
        VerificationCheck[] checks = [.. Passing, new("x", CheckResult.Fail, "broken"), new("y", CheckResult.Warn, "odd"), new("reboot", CheckResult.Warn, "reboot"), new("z", CheckResult.Skip, "n/a")];

        var verdict = VerdictJudge.Judge(Covered, checks);

        Assert.Equal(
            [("check-failed:x", ReasonLevel.NotCovered, "Verification failed: x: broken."), ("check-warned:y", ReasonLevel.ActionNeeded, "Verification warns: y: odd.")],
            verdict.Reasons.Select(r => (r.Code, r.Level, r.Text)));
    }

    [Fact]
    public void Without_checks_the_status_alone_shows_unknown_disabled_in_transition_and_unloaded_patches()
    {
        var patch = Covered.Livepatch.Patches.Value![0];
        var module = Covered.Kpatch.Modules.Value!.First(m => m.ForRunningKernel);
        var status = Covered with
        {
            Livepatch = Covered.Livepatch with
            {
                Patches = Reading.Known<IReadOnlyList<LivepatchPatch>>([patch with { Name = "off", Enabled = Reading.Known(false) }, patch with { Name = "moving", Transition = Reading.Known(true), State = "enabling" }, patch with { Name = "fine" }]),
            },
            Kpatch = Covered.Kpatch with { Modules = Reading.Known<IReadOnlyList<PatchModuleFile>>([module with { ModuleName = "kpatch_gone", Loaded = false }, module with { ModuleName = "kpatch_gone", Path = "/usr/lib/kpatch/x.ko", Loaded = false }, module with { ModuleName = "kpatch_unknown", Loaded = null }]) },
        };

        var verdict = VerdictJudge.Judge(status, checks: null);

        Assert.Equal(
            [("patch-disabled", "Live patch off is disabled."), ("patch-in-transition", "Live patch moving was in transition when the status was collected (enabling)."), ("module-not-loaded", "Patch module kpatch_gone is installed for the running kernel but not loaded."), ("verification-not-run", "Verification did not run (a status document only); what the status shows of it was judged.")],
            verdict.Reasons.Select(r => (r.Code, r.Text)));

        var unknown = VerdictJudge.Judge(Covered with { Livepatch = Covered.Livepatch with { Patches = Reading.Unknown<IReadOnlyList<LivepatchPatch>>("unlisted") } }, checks: null);
        Assert.Contains(unknown.Reasons, r => (r.Code, r.Level, r.Text) == ("unknown-patches", ReasonLevel.ActionNeeded, "The loaded live patches are unknown: unlisted."));
    }

    [Fact]
    public void Without_checks_each_module_not_loaded_is_named_once()
    {
        var module = Covered.Kpatch.Modules.Value!.First(m => m.ForRunningKernel) with { Loaded = false };
        HostStatus With(params PatchModuleFile[] modules) => Covered with { Kpatch = Covered.Kpatch with { Modules = Reading.Known<IReadOnlyList<PatchModuleFile>>(modules) } };
        IEnumerable<string> NotLoaded(HostStatus status) => VerdictJudge.Judge(status, checks: null).Reasons.Where(r => r.Code == "module-not-loaded").Select(r => r.Text);

        Assert.Equal(["Patch module a is installed for the running kernel but not loaded."], NotLoaded(With(module with { ModuleName = "a" })));
        Assert.Equal(
            ["Patch module a is installed for the running kernel but not loaded.", "Patch module b is installed for the running kernel but not loaded."],
            NotLoaded(With(module with { ModuleName = "a" }, module with { ModuleName = "b" }, module with { ModuleName = "a", Path = "/usr/lib/kpatch/a.ko" })));
    }

    [Fact]
    public void Without_checks_a_kernel_that_cannot_be_live_patched_is_judged_by_that_alone()
    {
        var status = Covered with { Livepatch = Covered.Livepatch with { Support = Reading.Known(new LivepatchSupport(false, "no")), Patches = Reading.Unknown<IReadOnlyList<LivepatchPatch>>("no sysfs") } };

        Assert.Equal(["livepatch-unsupported", "verification-not-run"], VerdictJudge.Judge(status, checks: null).Reasons.Select(r => r.Code));
    }

    [Theory]
    [InlineData(RebootNeed.Yes, "reboot-due", "A reboot is due: r.")]
    [InlineData(RebootNeed.YesButLivePatched, "reboot-recommended", "A reboot is recommended at the next maintenance window: r.")]
    public void A_reboot_due_or_recommended_needs_action(RebootNeed need, string code, string text)
    {
        AssertReason(WithKernel(k => k with { Reboot = Reading.Known(new RebootAdvice(need, "r")) }), code, ReasonLevel.ActionNeeded, text);
    }

    [Fact]
    public void Either_cve_list_unknown_alone_is_enough_to_need_action_with_its_own_reason()
    {
        var fixedUnknown = Covered with { Coverage = Covered.Coverage with { FixedLiveNow = Reading.Unknown<IReadOnlyList<string>>("fixed: unreadable") } };
        var pendingUnknown = Covered with { Coverage = Covered.Coverage with { InstalledNotLive = Reading.Unknown<IReadOnlyList<string>>("pending: unreadable") } };

        AssertReason(fixedUnknown, "unknown-cves", ReasonLevel.ActionNeeded, "Which CVEs are fixed live is unknown: fixed: unreadable.");
        AssertReason(pendingUnknown, "unknown-cves", ReasonLevel.ActionNeeded, "Which CVEs are fixed live is unknown: pending: unreadable.");
    }

    [Fact]
    public void With_both_cve_lists_unknown_the_reason_of_the_fixed_live_list_is_given()
    {
        var both = Covered with
        {
            Coverage = Covered.Coverage with { FixedLiveNow = Reading.Unknown<IReadOnlyList<string>>("fixed: unreadable"), InstalledNotLive = Reading.Unknown<IReadOnlyList<string>>("pending: unreadable") },
        };

        AssertReason(both, "unknown-cves", ReasonLevel.ActionNeeded, "Which CVEs are fixed live is unknown: fixed: unreadable.");
    }

    [Fact]
    public void Unknown_packages_need_action_and_cves_installed_not_live_are_listed()
    {
        AssertReason(Covered with { Packages = Reading.Unknown<IReadOnlyList<KpatchPatchPackage>>("rpm: no database") },
            "unknown-packages", ReasonLevel.ActionNeeded, "The installed kpatch-patch packages, and so the CVEs fixed live, are unknown: rpm: no database.");
        AssertReason(Covered with { Coverage = Covered.Coverage with { InstalledNotLive = Reading.Known<IReadOnlyList<string>>(["CVE-1", "CVE-2"]) } },
            "cves-not-live", ReasonLevel.ActionNeeded, "2 CVE(s) are fixed by installed packages but not live (their module is not loaded): CVE-1, CVE-2.");
    }

    [Fact]
    public void Updates_not_asked_are_a_note_and_only_updates_for_the_running_kernel_are_reasons()
    {
        AssertReason(Covered with { Coverage = Covered.Coverage with { Updates = Reading.Unknown<IReadOnlyList<AvailablePatch>>(KpatchScript.Detection.CoverageDetector.NotChecked) } },
            "updates-not-checked", ReasonLevel.Note, "Newer live patches were not looked for (--check-updates asks dnf).");

        var update = new AvailablePatch("kpatch-patch-a", "1", "2.el9", "x86_64", "k", true, null, [], []);
        var other = update with { Name = "kpatch-patch-b", ForRunningKernel = false };
        AssertReason(Covered with { Coverage = Covered.Coverage with { Updates = Reading.Known<IReadOnlyList<AvailablePatch>>([update, other]) } },
            "update-available", ReasonLevel.ActionNeeded, "Live patch kpatch-patch-a-1-2.el9 is available (not installed).");
        AssertReason(Covered with { Coverage = Covered.Coverage with { Updates = Reading.Known<IReadOnlyList<AvailablePatch>>([update with { InstalledVersion = "1-1.el9", NewCves = ["CVE-2024-1", "CVE-2024-2"] }]) } },
            "update-available", ReasonLevel.ActionNeeded, "Live patch kpatch-patch-a-1-2.el9 is available (installed: 1-1.el9), fixing CVE-2024-1, CVE-2024-2.");
    }

    [Fact]
    public void Exposure_not_configured_is_no_finding_and_unknown_needs_action()
    {
        Assert.Empty(VerdictJudge.Judge(Covered with { Exposure = Reading.Unknown<CveExposure>(CveExposure.NotConfigured) }, Passing).Reasons);
        AssertReason(Covered with { Exposure = Reading.Unknown<CveExposure>("mirror unreadable") },
            "unknown-exposure", ReasonLevel.ActionNeeded, "Which CVEs this host is exposed to is unknown: mirror unreadable.");
    }

    [Fact]
    public void Only_important_and_critical_cves_with_a_fix_available_need_action_and_skipped_vex_files_do_too()
    {
        ExposedCve[] cves =
        [
            new("CVE-1", ExposureStates.FixAvailable, "Important", "kernel-2", null),
            new("CVE-2", ExposureStates.FixAvailable, "Critical", null, null),
            new("CVE-3", ExposureStates.FixAvailable, "Moderate", "kernel-2", null),
            new("CVE-4", ExposureStates.FixedLive, "Critical", "kpatch-patch", null),
        ];
        var quiet = new CveExposure("/m", 4, new ExposureCounts(0, 0, 0, 0, 0), [cves[2], cves[3]], []);
        var exposed = quiet with { Cves = cves };
        var skipped = quiet with { Skipped = [new SkippedVexFile("a.json", "not JSON"), new SkippedVexFile("b.json", "x")] };

        Assert.Empty(VerdictJudge.Judge(Covered with { Exposure = Reading.Known(quiet) }, Passing).Reasons);
        AssertReason(Covered with { Exposure = Reading.Known(exposed) }, "cves-exposed", ReasonLevel.ActionNeeded,
            "2 important or critical CVE(s) affect the running kernel and have a fix available: CVE-1 (Important, fixed by kernel-2), CVE-2 (Critical); install the live patch ('kpatch-script install' or 'update'), or the kernel and reboot.");
        AssertReason(Covered with { Exposure = Reading.Known(skipped) }, "exposure-incomplete", ReasonLevel.ActionNeeded,
            "2 file(s) of the VEX mirror /m are not valid CSAF VEX and were skipped (their CVEs are unknown, not unaffected), first a.json: not JSON.");
    }

    [Theory]
    [InlineData(10, "CVE-10 (Critical)")]
    [InlineData(11, "CVE-10 (Critical) and 1 more")]
    public void Up_to_ten_exposed_cves_are_named_and_the_rest_counted(int count, string ending)
    {
        var cves = Enumerable.Range(1, count).Select(i => new ExposedCve($"CVE-{i}", ExposureStates.FixAvailable, "Critical", null, null)).ToList();
        var status = Covered with { Exposure = Reading.Known(new CveExposure("/m", 1, new ExposureCounts(0, 0, count, 0, 0), cves, [])) };

        var text = Only(VerdictJudge.Judge(status, Passing)).Text;

        Assert.Contains($": CVE-1 (Critical), CVE-2 (Critical), ", text, StringComparison.Ordinal);
        Assert.Contains($"{ending}; install", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_says_unknown_where_the_counts_or_the_window_are_unknown_and_counts_reasons_of_the_worst_level()
    {
        var status = Covered with { Coverage = Covered.Coverage with { FixedLiveNow = Reading.Unknown<IReadOnlyList<string>>("x") } };
        var covered = VerdictJudge.Judge(status, Passing, new VerdictOptions { Downgrades = [new Downgrade("unknown-cves", ReasonLevel.Note)] });
        Assert.Equal("rhel94-app03 is covered: 1 live patch(es) enabled, an unknown number of CVE(s) fixed live, support until 2026-12-01 (320 days, estimate).", covered.Summary);

        var noWindow = VerdictJudge.Judge(WithKernel(k => k with { SupportWindow = Reading.Unknown<SupportWindow>("x") }), Passing, new VerdictOptions { Downgrades = [new Downgrade("unknown-support-window", ReasonLevel.Note)] });
        Assert.EndsWith("3 CVE(s) fixed live, support window unknown.", noWindow.Summary, StringComparison.Ordinal);

        VerificationCheck[] twoWarnings = [.. Passing, new("a", CheckResult.Warn, "one"), new("b", CheckResult.Warn, "two")];
        Assert.Equal("rhel94-app03 needs action: Verification warns: a: one (and 1 more).", VerdictJudge.Judge(Covered, twoWarnings).Summary);
        VerificationCheck[] failAndWarn = [.. Passing, new("b", CheckResult.Warn, "two"), new("a", CheckResult.Fail, "one")];
        Assert.Equal("rhel94-app03 is not covered: Verification failed: a: one.", VerdictJudge.Judge(Covered, failAndWarn).Summary);
    }

    [Theory]
    [InlineData(ReasonLevel.NotCovered, VerdictState.NotCovered)]
    [InlineData(ReasonLevel.ActionNeeded, VerdictState.ActionNeeded)]
    [InlineData(ReasonLevel.Note, VerdictState.Covered)]
    public void A_reason_level_makes_its_state(ReasonLevel level, VerdictState state)
    {
        Assert.Equal(state, VerdictJudge.StateOf(level));
    }
}
