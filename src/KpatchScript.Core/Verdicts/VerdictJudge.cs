using KpatchScript.Status;
using KpatchScript.Verification;

namespace KpatchScript.Verdicts;

/// <summary>
/// The one place that decides whether a host is covered, the way an admin would: <b>not covered</b>
/// when the kernel cannot be live patched or gets no live patches (not kpatch-eligible), its support window ended, nothing is installed for it, or
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
        VerdictFindings.Kernel(status, reasons);
        VerdictFindings.Livepatch(status, reasons);
        VerdictFindings.Eligibility(status.Kernel.Eligibility, reasons);
        VerdictFindings.SupportWindow(status.Kernel.SupportWindow, status.Kernel.Eligibility, options, reasons);
        VerdictFindings.Installed(status, reasons);
        if (checks is null)
        {
            VerdictFindings.FromStatus(status, reasons);
        }
        else
        {
            VerdictFindings.FromChecks(checks, reasons);
        }

        VerdictFindings.Reboot(status.Kernel.Reboot, reasons);
        VerdictFindings.Coverage(status, reasons);
        VerdictFindings.Exposure(status.Exposure, reasons);
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
                if (ReasonCodes.Matches(downgrade.Code, reason.Code))
                {
                    // The lowest level a matching key gives: a downgrade never raises a level.
                    level = (ReasonLevel)Math.Min((int)level, (int)downgrade.Level);
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
        var window = status.Kernel.SupportWindow.IsKnown ? $"support until {status.Kernel.SupportWindow.Value!.Ends} ({status.Kernel.SupportWindow.Value.DaysLeft} days, {VerdictFindings.SourceWords(status.Kernel.SupportWindow.Value)})" : "support window unknown";
        return $"{host} is covered: {patches} live patch(es) enabled, {cves} CVE(s) fixed live, {window}.";
    }
}
