using KpatchScript.Status;
using KpatchScript.Verification;
using static KpatchScript.Reporting.Verdicts.VerdictStates;

namespace KpatchScript.Reporting.Verdicts;

/// <summary>
/// Judges whether a host is covered, the way an admin would: <b>not covered</b> when the kernel
/// cannot be live patched, its support window ended, or verification fails (a stalled or disabled
/// patch, an installed module not loaded); <b>action needed</b> for warnings (a reboot due, an
/// update available, CVEs installed but not live, a support window ending soon) and for every
/// value it depends on that is unknown (an unknown is never counted as good); <b>covered</b> otherwise.
/// </summary>
public static class VerdictJudge
{
    /// <param name="status">The host's status.</param>
    /// <param name="verification">Its verification; null where none ran (fleet reports read status documents only): the
    /// failures a status shows by itself (disabled patches, transitions, modules not loaded) are judged from it instead.</param>
    /// <param name="options">Thresholds and whether updates were asked for.</param>
    public static Verdict Judge(HostStatus status, VerificationReport? verification, VerdictOptions? options = null)
    {
        options ??= new VerdictOptions();
        var reasons = new List<VerdictReason>();
        Kernel(status, reasons);
        Livepatch(status, reasons);
        SupportWindow(status.Kernel.SupportWindow, options, reasons);
        if (verification is null)
        {
            FromStatus(status, reasons);
        }
        else
        {
            FromVerification(verification, reasons);
        }

        Reboot(status.Kernel.Reboot, reasons);
        Coverage(status, options, reasons);
        var ordered = reasons.OrderBy(r => Rank(r.Level)).ToList();
        var state = ordered.Count == 0 || Rank(ordered[0].Level) > Rank(ActionNeeded) ? Covered : ordered[0].Level;
        return new Verdict(state, Summary(status, state, ordered), ordered);
    }

    private static void Kernel(HostStatus status, List<VerdictReason> reasons)
    {
        if (!status.Kernel.Running.IsKnown)
        {
            reasons.Add(new("unknown-running-kernel", ActionNeeded, $"The running kernel is unknown: {status.Kernel.Running.UnknownReason}."));
        }
    }

    private static void Livepatch(HostStatus status, List<VerdictReason> reasons)
    {
        switch (status.Livepatch.Support)
        {
            case { IsKnown: false } support:
                reasons.Add(new("unknown-livepatch-support", ActionNeeded, $"Whether the kernel can be live patched is unknown: {support.UnknownReason}."));
                break;
            case { Value.Supported: false } support:
                reasons.Add(new("livepatch-unsupported", NotCovered, $"The kernel cannot be live patched: {support.Value!.Reason}."));
                break;
        }
    }

    private static void SupportWindow(Reading<SupportWindow> window, VerdictOptions options, List<VerdictReason> reasons)
    {
        if (!window.IsKnown)
        {
            reasons.Add(new("unknown-support-window", ActionNeeded, $"Until when the kernel gets live patches is unknown: {window.UnknownReason}."));
            return;
        }

        var w = window.Value!;
        if (w.DaysLeft < 0)
        {
            reasons.Add(new("support-window-ended", NotCovered, $"Live patch support for the running kernel ended on {w.Ends}, {-w.DaysLeft} days ago (estimate); update the kernel and reboot."));
        }
        else if (w.DaysLeft <= options.SupportWindowWarningDays)
        {
            reasons.Add(new("support-window-ending", ActionNeeded, $"Live patch support for the running kernel ends on {w.Ends}, in {w.DaysLeft} days (estimate); plan a kernel update and reboot."));
        }
    }

    private static void FromVerification(VerificationReport verification, List<VerdictReason> reasons)
    {
        foreach (var check in verification.Checks)
        {
            // Reboot advice is judged from the status below, in its own words.
            if (check.Name == "reboot")
            {
                continue;
            }

            if (check.Result == CheckResult.Fail)
            {
                reasons.Add(new($"check-failed:{check.Name}", NotCovered, $"Verification failed: {check.Name}: {check.Detail}."));
            }
            else if (check.Result == CheckResult.Warn)
            {
                reasons.Add(new($"check-warned:{check.Name}", ActionNeeded, $"Verification warns: {check.Name}: {check.Detail}."));
            }
        }
    }

    /// <summary>What a status document shows by itself of the failures verification would find.</summary>
    private static void FromStatus(HostStatus status, List<VerdictReason> reasons)
    {
        if (status.Livepatch.Support is { IsKnown: true, Value.Supported: false })
        {
            return;
        }

        if (!status.Livepatch.Patches.IsKnown)
        {
            reasons.Add(new("unknown-patches", ActionNeeded, $"The loaded live patches are unknown: {status.Livepatch.Patches.UnknownReason}."));
        }

        foreach (var patch in status.Livepatch.Patches.GetValueOrDefault([])!)
        {
            if (patch.Enabled is { IsKnown: true, Value: false })
            {
                reasons.Add(new("patch-disabled", NotCovered, $"Live patch {patch.Name} is disabled."));
            }

            if (patch.Transition is { IsKnown: true, Value: true })
            {
                reasons.Add(new("patch-in-transition", NotCovered, $"Live patch {patch.Name} was in transition when the status was collected ({patch.State})."));
            }
        }

        foreach (var module in status.Kpatch.Modules.GetValueOrDefault([])!.Where(m => m.ForRunningKernel && m.Loaded == false).DistinctBy(m => m.ModuleName))
        {
            reasons.Add(new("module-not-loaded", NotCovered, $"Patch module {module.ModuleName} is installed for the running kernel but not loaded."));
        }

        reasons.Add(new("verification-not-run", Note, "Verification did not run (a status document only); what the status shows of it was judged."));
    }

    private static void Reboot(Reading<RebootAdvice> reboot, List<VerdictReason> reasons)
    {
        switch (reboot)
        {
            case { IsKnown: false }:
                reasons.Add(new("unknown-reboot", ActionNeeded, $"Whether a reboot is due is unknown: {reboot.UnknownReason}."));
                break;
            case { Value.Advice: RebootNeed.Yes }:
                reasons.Add(new("reboot-due", ActionNeeded, $"A reboot is due: {reboot.Value!.Reason}."));
                break;
            case { Value.Advice: RebootNeed.YesButLivePatched }:
                reasons.Add(new("reboot-recommended", ActionNeeded, $"A reboot is recommended at the next maintenance window: {reboot.Value!.Reason}."));
                break;
        }
    }

    private static void Coverage(HostStatus status, VerdictOptions options, List<VerdictReason> reasons)
    {
        var coverage = status.Coverage;
        if (!status.Packages.IsKnown)
        {
            reasons.Add(new("unknown-packages", ActionNeeded, $"The installed kpatch-patch packages, and so the CVEs fixed live, are unknown: {status.Packages.UnknownReason}."));
        }
        else if (!coverage.FixedLiveNow.IsKnown || !coverage.InstalledNotLive.IsKnown)
        {
            var reason = coverage.FixedLiveNow.UnknownReason ?? coverage.InstalledNotLive.UnknownReason;
            reasons.Add(new("unknown-cves", ActionNeeded, $"Which CVEs are fixed live is unknown: {reason}."));
        }

        if (coverage.InstalledNotLive is { IsKnown: true, Value.Count: > 0 } pending)
        {
            reasons.Add(new("cves-not-live", ActionNeeded, $"{pending.Value!.Count} CVE(s) are fixed by installed packages but not live (their module is not loaded): {string.Join(", ", pending.Value!)}."));
        }

        if (!coverage.Updates.IsKnown)
        {
            reasons.Add(options.UpdatesChecked
                ? new("unknown-updates", ActionNeeded, $"Whether newer live patches are available is unknown: {coverage.Updates.UnknownReason}.")
                : new("updates-not-checked", Note, "Newer live patches were not looked for (--check-updates asks dnf)."));
            return;
        }

        foreach (var update in coverage.Updates.Value!.Where(u => u.ForRunningKernel))
        {
            var adds = update.NewCves.Count > 0 ? $", fixing {string.Join(", ", update.NewCves)}" : "";
            var installed = update.InstalledVersion is null ? "not installed" : $"installed: {update.InstalledVersion}";
            reasons.Add(new("update-available", ActionNeeded, $"Live patch {update.Name}-{update.Version}-{update.Release} is available ({installed}){adds}."));
        }
    }

    private static string Summary(HostStatus status, string state, List<VerdictReason> reasons)
    {
        var host = status.Host.Hostname.GetValueOrDefault(status.Target);
        var counted = reasons.Count(r => r.Level == state);
        var more = counted > 1 ? $" (and {counted - 1} more)" : "";
        if (state != Covered)
        {
            var first = reasons[0].Text.TrimEnd('.');
            return state == NotCovered ? $"{host} is not covered: {first}{more}." : $"{host} needs action: {first}{more}.";
        }

        var patches = status.Livepatch.Patches.GetValueOrDefault([])!.Count;
        var cves = status.Coverage.FixedLiveNow.GetValueOrDefault([])!.Count;
        var window = status.Kernel.SupportWindow.Value!;
        return $"{host} is covered: {patches} live patch(es) enabled, {cves} CVE(s) fixed live, support until {window.Ends} ({window.DaysLeft} days, estimate).";
    }
}
