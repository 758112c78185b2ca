using System.Text.Json;
using KpatchScript.Operations;
using KpatchScript.Serialization;
using KpatchScript.Status;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;
using KpatchScript.Verdicts;
using KpatchScript.Verification;

namespace KpatchScript.Core.Tests.Verdicts;

/// <summary>The verdict in words an admin uses; starting from rhel9-kpatch-dnf (support ended, reboot recommended) and changing one fact at a time.</summary>
public sealed class VerdictJudgeTests
{
    internal static readonly Lazy<(HostStatus Status, IReadOnlyList<VerificationCheck> Checks)> Rhel = new(() =>
    {
        var facade = new KpatchFacade(HostSystems.Open("sysroot:" + SysrootFixtures.Get(SysrootFixtures.Rhel9KpatchDnf)), FixedTimeProvider.Default);
        var status = facade.Detect();
        return (status, facade.VerifyNow(status).Checks);
    });

    /// <summary>The same host inside its support window, running its newest kernel: nothing to do.</summary>
    internal static HostStatus Healthy => Rhel.Value.Status with
    {
        Kernel = Rhel.Value.Status.Kernel with
        {
            SupportWindow = Reading.Known(new SupportWindow(true, "2025-12-01", "2026-12-01", 320, "kernel build date + 365 days")),
            Reboot = Reading.Known(new RebootAdvice(RebootNeed.No, "the newest installed kernel runs")),
        },
    };

    internal static IReadOnlyList<VerificationCheck> Passing => [.. Rhel.Value.Checks.Where(c => c.Name != "reboot")];

    private static HostStatus Unsupported => Healthy with { Livepatch = Healthy.Livepatch with { Support = Reading.Known(new LivepatchSupport(false, "/sys/kernel/livepatch does not exist")) } };

    /// <summary>Nothing loaded and no module installed for the running kernel, with the package list given.</summary>
    private static HostStatus NothingLoaded(IReadOnlyList<KpatchPatchPackage> packages) => Healthy with
    {
        Livepatch = Healthy.Livepatch with { Patches = Reading.Known<IReadOnlyList<LivepatchPatch>>([]) },
        Kpatch = Healthy.Kpatch with { Modules = Reading.Known<IReadOnlyList<PatchModuleFile>>([.. Healthy.Kpatch.Modules.Value!.Where(m => !m.ForRunningKernel)]) },
        Packages = Reading.Known(packages),
        Coverage = Healthy.Coverage with { FixedLiveNow = Reading.Known<IReadOnlyList<string>>([]), InstalledNotLive = Reading.Known<IReadOnlyList<string>>([]) },
    };

    [Fact]
    public void A_healthy_host_is_covered_and_says_what_covers_it()
    {
        var verdict = VerdictJudge.Judge(Healthy, Passing);

        Assert.Equal(VerdictState.Covered, verdict.State);
        Assert.Equal("rhel94-app03 is covered: 1 live patch(es) enabled, 3 CVE(s) fixed live, support until 2026-12-01 (320 days, estimate).", verdict.Summary);
        Assert.Equal(["updates-not-checked"], verdict.Reasons.Select(r => r.Code));
    }

    [Theory]
    [InlineData(17, 30, VerdictState.ActionNeeded, "support-window-ending")]
    [InlineData(30, 30, VerdictState.ActionNeeded, "support-window-ending")]
    [InlineData(31, 30, VerdictState.Covered, null)]
    [InlineData(17, 10, VerdictState.Covered, null)]
    [InlineData(0, 30, VerdictState.ActionNeeded, "support-window-ending")]
    [InlineData(-1, 30, VerdictState.NotCovered, "support-window-ended")]
    public void The_support_window_ends_at_its_boundaries(int daysLeft, int warningDays, VerdictState state, string? code)
    {
        var status = Healthy with { Kernel = Healthy.Kernel with { SupportWindow = Reading.Known(new SupportWindow(true, "2025-02-01", "2026-02-01", daysLeft, "b")) } };

        var verdict = VerdictJudge.Judge(status, Passing, new VerdictOptions { SupportWindowWarningDays = warningDays });

        Assert.Equal(state, verdict.State);
        Assert.Equal(code, verdict.Reasons.FirstOrDefault(r => r.Level != ReasonLevel.Note)?.Code);
    }

    [Fact]
    public void An_available_update_and_cves_installed_but_not_live_need_action()
    {
        var update = new AvailablePatch("kpatch-patch-5_14_0-427_13_1", "1", "3.el9_4", "x86_64", "5.14.0-427.13.1.el9_4.x86_64", true, "1-2.el9_4", ["CVE-2024-0001"], ["CVE-2024-0001"]);
        var status = Healthy with { Coverage = Healthy.Coverage with { InstalledNotLive = Reading.Known<IReadOnlyList<string>>(["CVE-2023-9"]), Updates = Reading.Known<IReadOnlyList<AvailablePatch>>([update]) } };

        var verdict = VerdictJudge.Judge(status, Passing);

        Assert.Equal(VerdictState.ActionNeeded, verdict.State);
        Assert.Equal(["cves-not-live", "update-available"], verdict.Reasons.Select(r => r.Code));
        Assert.Contains("kpatch-patch-5_14_0-427_13_1-1-3.el9_4 is available (installed: 1-2.el9_4), fixing CVE-2024-0001", verdict.Reasons[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_values_are_never_counted_as_good()
    {
        var status = Healthy with { Kernel = Healthy.Kernel with { Reboot = Reading.Unknown<RebootAdvice>("rpm failed") } };

        var verdict = VerdictJudge.Judge(status, Passing);

        Assert.Equal(VerdictState.ActionNeeded, verdict.State);
        Assert.Equal("Whether a reboot is due is unknown: rpm failed.", Assert.Single(verdict.Reasons, r => r.Level != ReasonLevel.Note).Text);
        // Updates that were asked for and could not be listed are an unknown; updates not asked for are a note.
        var checkedButFailed = VerdictJudge.Judge(Healthy with { Coverage = Healthy.Coverage with { Updates = Reading.Unknown<IReadOnlyList<AvailablePatch>>("dnf: repository unreachable") } }, Passing);
        Assert.Equal((VerdictState.ActionNeeded, "unknown-updates", "Whether newer live patches are available is unknown: dnf: repository unreachable."), (checkedButFailed.State, checkedButFailed.Reasons[0].Code, checkedButFailed.Reasons[0].Text));
    }

    [Fact]
    public void One_unknown_among_known_values_is_enough_to_need_action()
    {
        var packagesUnknown = Healthy with { Packages = Reading.Unknown<IReadOnlyList<KpatchPatchPackage>>("rpm: no database") };
        var cvesUnknown = Healthy with { Coverage = Healthy.Coverage with { InstalledNotLive = Reading.Unknown<IReadOnlyList<string>>("patches unreadable") } };

        Assert.Equal((VerdictState.ActionNeeded, "unknown-packages"), (VerdictJudge.Judge(packagesUnknown, Passing).State, VerdictJudge.Judge(packagesUnknown, Passing).Reasons[0].Code));
        Assert.Equal((VerdictState.ActionNeeded, "unknown-cves"), (VerdictJudge.Judge(cvesUnknown, Passing).State, VerdictJudge.Judge(cvesUnknown, Passing).Reasons[0].Code));
    }

    [Fact]
    public void A_failed_check_or_a_kernel_without_livepatch_is_not_covered()
    {
        VerificationCheck[] failing = [.. Passing, new VerificationCheck("patches-enabled", CheckResult.Fail, "kpatch_x is disabled")];
        Assert.Equal((VerdictState.NotCovered, "check-failed:patches-enabled"), (VerdictJudge.Judge(Healthy, failing).State, VerdictJudge.Judge(Healthy, failing).Reasons[0].Code));

        var warning = VerdictJudge.Judge(Healthy, [.. Passing, new VerificationCheck("Site:baseline", CheckResult.Warn, "drift")]);
        Assert.Equal((VerdictState.ActionNeeded, "check-warned:Site:baseline"), (warning.State, warning.Reasons[0].Code));

        Assert.Equal("livepatch-unsupported", VerdictJudge.Judge(Unsupported, Passing).Reasons[0].Code);
    }

    [Fact]
    public void Nothing_installed_for_the_running_kernel_is_not_covered_even_when_every_check_skips()
    {
        var status = NothingLoaded([]);
        VerificationCheck[] skipped = [new("installed-modules-loaded", CheckResult.Skip, "no patch module is installed for the running kernel"), new("patches-enabled", CheckResult.Skip, "no live patch is loaded")];

        var verdict = VerdictJudge.Judge(status, skipped);

        Assert.Equal(VerdictState.NotCovered, verdict.State);
        Assert.Equal("nothing-installed", verdict.Reasons[0].Code);
        Assert.Equal("No live patch is loaded, and no patch module is installed for 5.14.0-427.13.1.el9_4.x86_64 in /var/lib/kpatch or /usr/lib/kpatch: install one with 'kpatch-script install'.", verdict.Reasons[0].Text);
    }

    [Fact]
    public void Red_Hats_initial_empty_package_is_a_note_and_a_package_without_its_module_is_not_covered()
    {
        var running = Healthy.Kernel.Running.Value!;
        var initial = new KpatchPatchPackage("kpatch-patch-5_14_0-427_13_1", "0", "0.el9_4", "x86_64", Reading.Known(running), true, []);
        var broken = initial with { Version = "1", Release = "2.el9_4" };

        var enrolled = VerdictJudge.Judge(NothingLoaded([initial]), []);
        var missing = VerdictJudge.Judge(NothingLoaded([broken]), []);

        Assert.Equal(VerdictState.Covered, enrolled.State);
        Assert.Contains(enrolled.Reasons, r => r is { Code: "no-live-patch-released", Level: ReasonLevel.Note });
        Assert.Equal((VerdictState.NotCovered, "nothing-installed"), (missing.State, missing.Reasons[0].Code));
        Assert.Contains("(kpatch-patch-5_14_0-427_13_1-1-2.el9_4 is installed, but its module is not)", missing.Reasons[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_initial_empty_package_note_names_the_package_and_the_kernel_or_says_the_running_kernel_when_that_is_unknown()
    {
        var running = Healthy.Kernel.Running.Value!;
        var initial = new KpatchPatchPackage("kpatch-patch-5_14_0-427_13_1", "0", "0.el9_4", "x86_64", Reading.Known(running), true, []);
        var status = NothingLoaded([initial]);
        var unknownKernel = status with { Kernel = status.Kernel with { Running = Reading.Unknown<string>("osrelease unreadable") } };

        static string Note(Verdict verdict) => verdict.Reasons.Single(r => r.Code == "no-live-patch-released").Text;

        Assert.Equal($"kpatch-patch-5_14_0-427_13_1-0-0.el9_4 is installed for {running}: no live patch has been released for this kernel yet, nothing to load.", Note(VerdictJudge.Judge(status, [])));
        Assert.StartsWith("kpatch-patch-5_14_0-427_13_1-0-0.el9_4 is installed for the running kernel: ", Note(VerdictJudge.Judge(unknownKernel, [])), StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_package_for_the_running_kernel_is_the_one_judged()
    {
        var running = Healthy.Kernel.Running.Value!;
        var initial = new KpatchPatchPackage("kpatch-patch-5_14_0-427_13_1", "0", "0.el9_4", "x86_64", Reading.Known(running), true, []);
        var other = initial with { Name = "kpatch-patch-other", Version = "1", Release = "1.el9_4" };

        static IEnumerable<string> Codes(Verdict verdict) => verdict.Reasons.Select(r => r.Code).Where(c => c != "updates-not-checked");

        Assert.Equal(["no-live-patch-released"], Codes(VerdictJudge.Judge(NothingLoaded([initial, other]), [])));
        Assert.Equal(["nothing-installed"], Codes(VerdictJudge.Judge(NothingLoaded([other, initial]), [])));
    }

    [Fact]
    public void A_status_that_is_null_is_refused_by_name()
    {
        Assert.Equal("status", Assert.Throws<ArgumentNullException>(() => VerdictJudge.Judge(null!, [])).ParamName);
    }

    [Fact]
    public void A_kernel_without_livepatch_is_not_also_said_to_have_nothing_installed()
    {
        var verdict = VerdictJudge.Judge(Unsupported with { Livepatch = Unsupported.Livepatch with { Patches = Reading.Known<IReadOnlyList<LivepatchPatch>>([]) } }, []);

        Assert.DoesNotContain(verdict.Reasons, r => r.Code == "nothing-installed");
    }

    [Fact]
    public void A_site_downgrades_named_codes_and_the_text_says_so_but_nothing_is_downgraded_by_default()
    {
        var options = new VerdictOptions { Downgrades = [new("livepatch-unsupported", ReasonLevel.Note)] };

        var accepted = VerdictJudge.Judge(Unsupported, Passing, options);

        Assert.Equal(VerdictState.NotCovered, VerdictJudge.Judge(Unsupported, Passing).State);
        Assert.Equal(VerdictState.Covered, accepted.State);
        Assert.EndsWith("(downgraded to note by configuration: verdict.downgrade).", accepted.Reasons.Single(r => r.Code == "livepatch-unsupported").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_downgrade_key_names_a_check_prefix_and_never_raises_a_level()
    {
        VerificationCheck[] checks = [.. Passing, new("module-vermagic:/a.ko", CheckResult.Fail, "built for 6.1"), new("module-vermagicx", CheckResult.Fail, "other")];
        var options = new VerdictOptions { Downgrades = [new("check-failed:module-vermagic", ReasonLevel.ActionNeeded), new("updates-not-checked", ReasonLevel.ActionNeeded)] };

        var verdict = VerdictJudge.Judge(Healthy, checks, options);

        Assert.Equal(ReasonLevel.ActionNeeded, verdict.Reasons.Single(r => r.Code == "check-failed:module-vermagic:/a.ko").Level);
        Assert.Equal(ReasonLevel.NotCovered, verdict.Reasons.Single(r => r.Code == "check-failed:module-vermagicx").Level);
        Assert.Equal(ReasonLevel.Note, verdict.Reasons.Single(r => r.Code == "updates-not-checked").Level);
    }

    [Fact]
    public void A_downgraded_unknown_leaves_a_summary_that_says_unknown_instead_of_crashing()
    {
        var status = Healthy with { Kernel = Healthy.Kernel with { SupportWindow = Reading.Unknown<SupportWindow>("/proc/version ends with 'x'") } };
        var options = new VerdictOptions { Downgrades = [new("unknown-support-window", ReasonLevel.Note)] };

        var verdict = VerdictJudge.Judge(status, Passing, options);

        Assert.Equal(VerdictState.Covered, verdict.State);
        Assert.EndsWith("support window unknown.", verdict.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_verification_the_status_shows_disabled_and_stalled_patches_and_says_verification_did_not_run()
    {
        var stalled = new KpatchFacade(HostSystems.Open("sysroot:" + SysrootFixtures.Get(SysrootFixtures.LabStalled)), FixedTimeProvider.Default).Detect();

        var verdict = VerdictJudge.Judge(stalled, checks: null);

        Assert.Equal(VerdictState.NotCovered, verdict.State);
        Assert.Equal("patch-in-transition", verdict.Reasons[0].Code);
        Assert.Contains(verdict.Reasons, r => r.Code == "verification-not-run" && r.Level == ReasonLevel.Note);
    }

    [Fact]
    public void The_summary_names_the_host_the_state_and_the_first_reason_and_counts_the_others()
    {
        var verdict = VerdictJudge.Judge(Rhel.Value.Status, Rhel.Value.Checks);

        Assert.Equal("rhel94-app03 is not covered: Live patch support for the running kernel ended on 2025-04-10, 280 days ago (estimate); update the kernel and reboot.", verdict.Summary);
        var noName = VerdictJudge.Judge(Rhel.Value.Status with { Host = Rhel.Value.Status.Host with { Hostname = Reading.Unknown<string>("no file") } }, Rhel.Value.Checks);
        Assert.StartsWith($"{Rhel.Value.Status.Target} is not covered: ", noName.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_verdict_reads_back_and_a_state_its_reasons_do_not_make_is_refused()
    {
        var verdict = VerdictJudge.Judge(Rhel.Value.Status, Rhel.Value.Checks);
        var json = VerdictJson.Write(verdict);

        Assert.Equal(verdict.Summary, VerdictJson.Read(JsonDocument.Parse(json).RootElement).Summary);
        Assert.Equal(verdict.Reasons, VerdictJson.Read(JsonDocument.Parse(json).RootElement).Reasons);
        var forged = json.Replace("\"state\": \"not covered\"", "\"state\": \"covered\"", StringComparison.Ordinal);
        var error = Assert.Throws<FormatException>(() => VerdictJson.Read(JsonDocument.Parse(forged).RootElement));
        Assert.Equal("\"verdict.state\" is 'covered' but its reasons make it 'not covered'", error.Message);
        Assert.Empty(JsonSchemaFile.Verdict.Errors(json));
    }
}
