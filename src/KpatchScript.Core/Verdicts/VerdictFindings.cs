using KpatchScript.Detection;
using KpatchScript.Status;
using KpatchScript.Verification;
using static KpatchScript.Verdicts.ReasonCodes;

namespace KpatchScript.Verdicts;

/// <summary>
/// What <see cref="VerdictJudge"/> finds, one topic a method, each reason one sentence that quotes
/// what was read: the kernel and its livepatch support, the support window, what is installed, the
/// verification checks (or what a status document shows of them), reboot advice, packages and CVEs.
/// </summary>
internal static class VerdictFindings
{
    public static void Kernel(HostStatus status, List<VerdictReason> reasons)
    {
        if (!status.Kernel.Running.IsKnown)
        {
            reasons.Add(new(UnknownRunningKernel, ReasonLevel.ActionNeeded, $"The running kernel is unknown: {status.Kernel.Running.UnknownReason}."));
        }
    }

    public static void Livepatch(HostStatus status, List<VerdictReason> reasons)
    {
        switch (status.Livepatch.Support)
        {
            case { IsKnown: false } support:
                reasons.Add(new(UnknownLivepatchSupport, ReasonLevel.ActionNeeded, $"Whether the kernel can be live patched is unknown: {support.UnknownReason}."));
                break;
            case { Value.Supported: false } support:
                reasons.Add(new(LivepatchUnsupported, ReasonLevel.NotCovered, $"The kernel cannot be live patched: {support.Value!.Reason}."));
                break;
        }
    }

    /// <summary>
    /// A kernel the repositories give no live patches is not covered, whatever else is installed:
    /// the remedy names the newest eligible kernel. Eligibility not asked is no finding (the
    /// updates-not-checked note says the repositories were not asked).
    /// </summary>
    public static void Eligibility(Reading<KernelEligibility> eligibility, List<VerdictReason> reasons)
    {
        switch (eligibility)
        {
            case { IsKnown: false } when eligibility.UnknownReason != KernelStatus.EligibilityNotChecked:
                reasons.Add(new(UnknownEligibility, ReasonLevel.ActionNeeded, $"Whether the running kernel gets live patches at all is unknown: {eligibility.UnknownReason}."));
                break;
            case { IsKnown: true, Value.Eligible: false }:
                var e = eligibility.Value!;
                reasons.Add(new(KernelNotEligible, ReasonLevel.NotCovered,
                    $"This kernel gets no live patches: no package in the enabled repositories provides kpatch-patch = {e.Kernel} (it is not a kpatch-eligible kernel); {e.Remedy}."));
                break;
        }
    }

    public static void SupportWindow(Reading<SupportWindow> window, Reading<KernelEligibility> eligibility, VerdictOptions options, List<VerdictReason> reasons)
    {
        if (!window.IsKnown && eligibility is { IsKnown: true, Value.Eligible: false })
        {
            // The not-eligible reason says it: a kernel without live patches has no window to be unsure of.
            return;
        }

        if (!window.IsKnown)
        {
            reasons.Add(new(UnknownSupportWindow, ReasonLevel.ActionNeeded, $"Until when the kernel gets live patches is unknown: {window.UnknownReason}."));
            return;
        }

        var w = window.Value!;
        if (w.DaysLeft < 0)
        {
            reasons.Add(new(SupportWindowEnded, ReasonLevel.NotCovered, $"Live patch support for the running kernel ended on {w.Ends}, {-w.DaysLeft} days ago ({SourceWords(w)}); update the kernel and reboot."));
        }
        else if (w.DaysLeft <= options.SupportWindowWarningDays)
        {
            reasons.Add(new(SupportWindowEnding, ReasonLevel.ActionNeeded, $"Live patch support for the running kernel ends on {w.Ends}, in {w.DaysLeft} days ({SourceWords(w)}); plan a kernel update and reboot."));
        }
    }

    /// <summary>Where a window's end comes from, in a few words: the estimate says it is one.</summary>
    public static string SourceWords(SupportWindow window) => window.Source switch
    {
        Status.SupportWindow.FromConfiguration => "set in configuration",
        Status.SupportWindow.FromLifecycleFile => window.Stream is { } stream ? $"lifecycle data, {stream}" : "lifecycle data",
        Status.SupportWindow.FromRepositories => "from the first live patch package",
        _ => "estimate",
    };

    /// <summary>
    /// A kernel that can be live patched but has no live patch loaded and none installed is not
    /// protected, however clean its (skipped) checks look. Red Hat's initial 0-0 package, which
    /// ships no module, says a kernel is enrolled and nothing was released for it yet.
    /// </summary>
    public static void Installed(HostStatus status, List<VerdictReason> reasons)
    {
        if (status.Livepatch.Support is not { IsKnown: true, Value.Supported: true }
            || status.Livepatch.Patches is not { IsKnown: true, Value.Count: 0 }
            || status.Kpatch.Modules is not { IsKnown: true } modules
            || InstalledModules.ForRunningKernel(modules.Value!).Count > 0)
        {
            return;
        }

        var running = status.Kernel.Running.GetValueOrDefault("the running kernel")!;
        KpatchPatchPackage? package = null;
        foreach (var candidate in status.Packages.GetValueOrDefault([])!)
        {
            if (candidate.ForRunningKernel)
            {
                package = candidate;
                break;
            }
        }

        if (package is { Version: "0" })
        {
            reasons.Add(new(NoLivePatchReleased, ReasonLevel.Note, $"{package.Name}-{package.Version}-{package.Release} is installed for {running}: no live patch has been released for this kernel yet, nothing to load."));
            return;
        }

        var packageText = package is null ? "" : $" ({package.Name}-{package.Version}-{package.Release} is installed, but its module is not)";
        reasons.Add(new(NothingInstalled, ReasonLevel.NotCovered,
            $"No live patch is loaded, and no patch module is installed for {running} in /var/lib/kpatch or /usr/lib/kpatch{packageText}: install one with 'kpatch-script install'."));
    }

    public static void FromChecks(IReadOnlyList<VerificationCheck> checks, List<VerdictReason> reasons)
    {
        foreach (var check in checks)
        {
            // Reboot advice is judged from the status below, in its own words.
            if (check.Name == "reboot")
            {
                continue;
            }

            if (check.Result == CheckResult.Fail)
            {
                reasons.Add(new($"{CheckFailed}:{check.Name}", ReasonLevel.NotCovered, $"Verification failed: {check.Name}: {check.Detail}."));
            }
            else if (check.Result == CheckResult.Warn)
            {
                reasons.Add(new($"{CheckWarned}:{check.Name}", ReasonLevel.ActionNeeded, $"Verification warns: {check.Name}: {check.Detail}."));
            }
        }
    }

    /// <summary>What a status document shows by itself of the failures verification would find.</summary>
    public static void FromStatus(HostStatus status, List<VerdictReason> reasons)
    {
        reasons.Add(new(VerificationNotRun, ReasonLevel.Note, "Verification did not run (a status document only); what the status shows of it was judged."));
        if (status.Livepatch.Support is { IsKnown: true, Value.Supported: false })
        {
            return;
        }

        if (!status.Livepatch.Patches.IsKnown)
        {
            reasons.Add(new(UnknownPatches, ReasonLevel.ActionNeeded, $"The loaded live patches are unknown: {status.Livepatch.Patches.UnknownReason}."));
        }

        foreach (var patch in status.Livepatch.Patches.GetValueOrDefault([])!)
        {
            if (patch.Enabled is { IsKnown: true, Value: false })
            {
                reasons.Add(new(PatchDisabled, ReasonLevel.NotCovered, $"Live patch {patch.Name} is disabled."));
            }

            if (patch.Transition is { IsKnown: true, Value: true })
            {
                reasons.Add(new(PatchInTransition, ReasonLevel.NotCovered, $"Live patch {patch.Name} was in transition when the status was collected ({patch.State})."));
            }
        }

        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var module in InstalledModules.ForRunningKernel(status.Kpatch.Modules.GetValueOrDefault([])!))
        {
            if (module.Loaded != false || !named.Add(module.ModuleName))
            {
                continue;
            }

            reasons.Add(new(ModuleNotLoaded, ReasonLevel.NotCovered, $"Patch module {module.ModuleName} is installed for the running kernel but not loaded."));
        }
    }

    public static void Reboot(Reading<RebootAdvice> reboot, List<VerdictReason> reasons)
    {
        switch (reboot)
        {
            case { IsKnown: false }:
                reasons.Add(new(UnknownReboot, ReasonLevel.ActionNeeded, $"Whether a reboot is due is unknown: {reboot.UnknownReason}."));
                break;
            case { Value.Advice: RebootNeed.Yes }:
                reasons.Add(new(RebootDue, ReasonLevel.ActionNeeded, $"A reboot is due: {reboot.Value!.Reason}."));
                break;
            case { Value.Advice: RebootNeed.YesButLivePatched }:
                reasons.Add(new(RebootRecommended, ReasonLevel.ActionNeeded, $"A reboot is recommended at the next maintenance window: {reboot.Value!.Reason}."));
                break;
        }
    }

    public static void Coverage(HostStatus status, List<VerdictReason> reasons)
    {
        var coverage = status.Coverage;
        if (!status.Packages.IsKnown)
        {
            reasons.Add(new(UnknownPackages, ReasonLevel.ActionNeeded, $"The installed kpatch-patch packages, and so the CVEs fixed live, are unknown: {status.Packages.UnknownReason}."));
        }
        else if (!coverage.FixedLiveNow.IsKnown || !coverage.InstalledNotLive.IsKnown)
        {
            var reason = coverage.FixedLiveNow.UnknownReason ?? coverage.InstalledNotLive.UnknownReason;
            reasons.Add(new(UnknownCves, ReasonLevel.ActionNeeded, $"Which CVEs are fixed live is unknown: {reason}."));
        }

        if (coverage.InstalledNotLive is { IsKnown: true, Value.Count: > 0 } pending)
        {
            reasons.Add(new(CvesNotLive, ReasonLevel.ActionNeeded, $"{pending.Value!.Count} CVE(s) are fixed by installed packages but not live (their module is not loaded): {string.Join(", ", pending.Value!)}."));
        }

        if (!coverage.Updates.IsKnown)
        {
            // Detection marks updates it was not asked for with its own reason; any other unknown means dnf was asked and could not tell.
            reasons.Add(coverage.Updates.UnknownReason == Detection.CoverageDetector.NotChecked
                ? new(UpdatesNotChecked, ReasonLevel.Note, "Newer live patches were not looked for (--check-updates asks dnf).")
                : new(UnknownUpdates, ReasonLevel.ActionNeeded, $"Whether newer live patches are available is unknown: {coverage.Updates.UnknownReason}."));
            return;
        }

        foreach (var update in coverage.Updates.Value!)
        {
            if (!update.ForRunningKernel)
            {
                continue;
            }

            var adds = update.NewCves.Count > 0 ? $", fixing {string.Join(", ", update.NewCves)}" : "";
            var installed = update.InstalledVersion is null ? "not installed" : $"installed: {update.InstalledVersion}";
            reasons.Add(new(UpdateAvailable, ReasonLevel.ActionNeeded, $"Live patch {update.Name}-{update.EpochVersionRelease} is available ({installed}){adds}."));
        }
    }

    /// <summary>
    /// The exposure from the VEX mirror, when one is configured (not configured is no finding: an
    /// optional feature). Only important and critical CVEs with a released fix not in effect need
    /// action; skipped files need it too, since their CVEs are unknown, not unaffected.
    /// </summary>
    public static void Exposure(Reading<CveExposure> exposure, List<VerdictReason> reasons)
    {
        if (!exposure.IsKnown)
        {
            if (exposure.UnknownReason != CveExposure.NotConfigured)
            {
                reasons.Add(new(UnknownExposure, ReasonLevel.ActionNeeded, $"Which CVEs this host is exposed to is unknown: {exposure.UnknownReason}."));
            }

            return;
        }

        var serious = new List<string>();
        foreach (var cve in exposure.Value!.Cves)
        {
            if (cve.State == ExposureStates.FixAvailable && cve.Severity is "Important" or "Critical")
            {
                serious.Add($"{cve.Cve} ({cve.Severity}{(cve.FixedBy is null ? "" : ", fixed by " + cve.FixedBy)})");
            }
        }

        if (serious.Count > 0)
        {
            var named = serious.Count <= 10 ? string.Join(", ", serious) : string.Join(", ", serious.GetRange(0, 10)) + $" and {serious.Count - 10} more";
            reasons.Add(new(CvesExposed, ReasonLevel.ActionNeeded,
                $"{serious.Count} important or critical CVE(s) affect the running kernel and have a fix available: {named}; install the live patch ('kpatch-script install' or 'update'), or the kernel and reboot."));
        }

        if (exposure.Value.Skipped.Count > 0)
        {
            var first = exposure.Value.Skipped[0];
            reasons.Add(new(ExposureIncomplete, ReasonLevel.ActionNeeded,
                $"{exposure.Value.Skipped.Count} file(s) of the VEX mirror {exposure.Value.Mirror} are not valid CSAF VEX and were skipped (their CVEs are unknown, not unaffected), first {first.File}: {first.Reason}."));
        }
    }
}
