using KpatchScript.Status;
using KpatchScript.Verification;
using static KpatchScript.Verdicts.ReasonCodes;

namespace KpatchScript.Verdicts;

/// <summary>
/// The one place that decides whether a host is covered, the way an admin would: <b>not covered</b>
/// when the kernel cannot be live patched, its support window ended, nothing is installed for it, or
/// verification fails (a stalled or disabled patch, an installed module not loaded ...); <b>action
/// needed</b> for warnings (a reboot due, an update available, CVEs installed but not live, a support
/// window ending soon) and for every value it depends on that is unknown (an unknown is never
/// counted as good); <b>covered</b> otherwise. Every surface shows what this returns.
/// </summary>
public static class VerdictJudge
{
    /// <param name="status">The host's status: the one the checks judged.</param>
    /// <param name="checks">The verification checks; null where none ran (old status documents in a fleet
    /// report): the failures a status shows by itself (disabled patches, transitions, modules not loaded) are judged from it instead.</param>
    /// <param name="options">The support-window warning and the codes the site downgrades.</param>
    public static Verdict Judge(HostStatus status, IReadOnlyList<VerificationCheck>? checks, VerdictOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(status);
        options ??= new VerdictOptions();
        var reasons = new List<VerdictReason>();
        Kernel(status, reasons);
        Livepatch(status, reasons);
        SupportWindow(status.Kernel.SupportWindow, options, reasons);
        Installed(status, reasons);
        if (checks is null)
        {
            FromStatus(status, reasons);
        }
        else
        {
            FromChecks(checks, reasons);
        }

        Reboot(status.Kernel.Reboot, reasons);
        Coverage(status, reasons);
        var ordered = WorstFirst(Downgraded(reasons, options));
        var state = ordered.Count == 0 ? VerdictState.Covered : StateOf(ordered[0].Level);
        return new Verdict(state, Summary(status, state, ordered), ordered);
    }

    /// <summary>The state a reason of this level makes (a note leaves the host covered).</summary>
    public static VerdictState StateOf(ReasonLevel level) => level switch
    {
        ReasonLevel.NotCovered => VerdictState.NotCovered,
        ReasonLevel.ActionNeeded => VerdictState.ActionNeeded,
        _ => VerdictState.Covered,
    };

    private static void Kernel(HostStatus status, List<VerdictReason> reasons)
    {
        if (!status.Kernel.Running.IsKnown)
        {
            reasons.Add(new(UnknownRunningKernel, ReasonLevel.ActionNeeded, $"The running kernel is unknown: {status.Kernel.Running.UnknownReason}."));
        }
    }

    private static void Livepatch(HostStatus status, List<VerdictReason> reasons)
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

    private static void SupportWindow(Reading<SupportWindow> window, VerdictOptions options, List<VerdictReason> reasons)
    {
        if (!window.IsKnown)
        {
            reasons.Add(new(UnknownSupportWindow, ReasonLevel.ActionNeeded, $"Until when the kernel gets live patches is unknown: {window.UnknownReason}."));
            return;
        }

        var w = window.Value!;
        if (w.DaysLeft < 0)
        {
            reasons.Add(new(SupportWindowEnded, ReasonLevel.NotCovered, $"Live patch support for the running kernel ended on {w.Ends}, {-w.DaysLeft} days ago (estimate); update the kernel and reboot."));
        }
        else if (w.DaysLeft <= options.SupportWindowWarningDays)
        {
            reasons.Add(new(SupportWindowEnding, ReasonLevel.ActionNeeded, $"Live patch support for the running kernel ends on {w.Ends}, in {w.DaysLeft} days (estimate); plan a kernel update and reboot."));
        }
    }

    /// <summary>
    /// A kernel that can be live patched but has no live patch loaded and none installed is not
    /// protected, however clean its (skipped) checks look. Red Hat's initial 0-0 package, which
    /// ships no module, says a kernel is enrolled and nothing was released for it yet.
    /// </summary>
    private static void Installed(HostStatus status, List<VerdictReason> reasons)
    {
        if (status.Livepatch.Support is not { IsKnown: true, Value.Supported: true }
            || status.Livepatch.Patches is not { IsKnown: true, Value.Count: 0 }
            || status.Kpatch.Modules is not { IsKnown: true } modules
            || modules.Value!.Any(m => m.ForRunningKernel))
        {
            return;
        }

        var running = status.Kernel.Running.GetValueOrDefault("the running kernel")!;
        var package = status.Packages.GetValueOrDefault([])!.FirstOrDefault(p => p.ForRunningKernel);
        if (package is { Version: "0" })
        {
            reasons.Add(new(NoLivePatchReleased, ReasonLevel.Note, $"{package.Name}-{package.Version}-{package.Release} is installed for {running}: no live patch has been released for this kernel yet, nothing to load."));
            return;
        }

        var packageText = package is null ? "" : $" ({package.Name}-{package.Version}-{package.Release} is installed, but its module is not)";
        reasons.Add(new(NothingInstalled, ReasonLevel.NotCovered,
            $"No live patch is loaded, and no patch module is installed for {running} in /var/lib/kpatch or /usr/lib/kpatch{packageText}: install one with 'kpatch-script install'."));
    }

    private static void FromChecks(IReadOnlyList<VerificationCheck> checks, List<VerdictReason> reasons)
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
    private static void FromStatus(HostStatus status, List<VerdictReason> reasons)
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

        foreach (var module in status.Kpatch.Modules.GetValueOrDefault([])!.Where(m => m.ForRunningKernel && m.Loaded == false).DistinctBy(m => m.ModuleName))
        {
            reasons.Add(new(ModuleNotLoaded, ReasonLevel.NotCovered, $"Patch module {module.ModuleName} is installed for the running kernel but not loaded."));
        }
    }

    private static void Reboot(Reading<RebootAdvice> reboot, List<VerdictReason> reasons)
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

    private static void Coverage(HostStatus status, List<VerdictReason> reasons)
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

        foreach (var update in coverage.Updates.Value!.Where(u => u.ForRunningKernel))
        {
            var adds = update.NewCves.Count > 0 ? $", fixing {string.Join(", ", update.NewCves)}" : "";
            var installed = update.InstalledVersion is null ? "not installed" : $"installed: {update.InstalledVersion}";
            reasons.Add(new(UpdateAvailable, ReasonLevel.ActionNeeded, $"Live patch {update.Name}-{update.Version}-{update.Release} is available ({installed}){adds}."));
        }
    }

    // Loops, not LINQ, here and below: status judges on its start-up path, and LINQ over the enum
    // levels is compiled at run time (see VerdictOptions.Downgrades for the figure).

    /// <summary>Reasons the site accepts weigh no more than it says (the lowest level a matching key gives), and say so.</summary>
    private static List<VerdictReason> Downgraded(List<VerdictReason> reasons, VerdictOptions options)
    {
        var result = new List<VerdictReason>(reasons.Count);
        foreach (var reason in reasons)
        {
            var level = reason.Level;
            foreach (var downgrade in options.Downgrades)
            {
                if (downgrade.Level < level && ReasonCodes.Matches(downgrade.Code, reason.Code))
                {
                    level = downgrade.Level;
                }
            }

            result.Add(level == reason.Level ? reason
                : reason with { Level = level, Text = $"{reason.Text.TrimEnd('.')} (downgraded to {VerdictWords.Of(level)} by configuration: verdict.downgrade)." });
        }

        return result;
    }

    /// <summary>Not covered first, then action needed, then notes; each level in the order found.</summary>
    private static List<VerdictReason> WorstFirst(List<VerdictReason> reasons)
    {
        var ordered = new List<VerdictReason>(reasons.Count);
        Add(ReasonLevel.NotCovered);
        Add(ReasonLevel.ActionNeeded);
        Add(ReasonLevel.Note);
        return ordered;

        void Add(ReasonLevel level)
        {
            foreach (var reason in reasons)
            {
                if (reason.Level == level)
                {
                    ordered.Add(reason);
                }
            }
        }
    }

    private static string Summary(HostStatus status, VerdictState state, List<VerdictReason> reasons)
    {
        var host = status.Host.Hostname.GetValueOrDefault(status.Target);
        if (state != VerdictState.Covered)
        {
            var worst = reasons[0].Level;
            var counted = 0;
            foreach (var reason in reasons)
            {
                counted += reason.Level == worst ? 1 : 0;
            }

            var more = counted > 1 ? $" (and {counted - 1} more)" : "";
            var first = reasons[0].Text.TrimEnd('.');
            return state == VerdictState.NotCovered ? $"{host} is not covered: {first}{more}." : $"{host} needs action: {first}{more}.";
        }

        var patches = status.Livepatch.Patches.GetValueOrDefault([])!.Count;
        var cves = status.Coverage.FixedLiveNow.Select(c => c.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetValueOrDefault("an unknown number of")!;
        var window = status.Kernel.SupportWindow.IsKnown ? $"support until {status.Kernel.SupportWindow.Value!.Ends} ({status.Kernel.SupportWindow.Value.DaysLeft} days, estimate)" : "support window unknown";
        return $"{host} is covered: {patches} live patch(es) enabled, {cves} CVE(s) fixed live, {window}.";
    }
}
