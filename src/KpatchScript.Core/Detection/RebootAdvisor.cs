using KpatchScript.Parsing;
using KpatchScript.Status;

namespace KpatchScript.Detection;

/// <summary>
/// Whether the host needs a reboot, from the running kernel, the newest installed one and the live patches.
/// A file of its own so the mutation run (tests/mutation/core.json) can name it: it is part of the truth core.
/// </summary>
internal static class RebootAdvisor
{
    internal static Reading<RebootAdvice> Advise(Reading<string> running, Reading<string> newest, Reading<IReadOnlyList<LivepatchPatch>> patches)
    {
        if (!running.IsKnown)
        {
            return Reading.Unknown<RebootAdvice>($"the running kernel is unknown: {running.UnknownReason}");
        }

        if (!newest.IsKnown)
        {
            return Reading.Unknown<RebootAdvice>($"the newest installed kernel is unknown: {newest.UnknownReason}");
        }

        var order = RpmVersionComparer.Instance.Compare(newest.Value, running.Value);
        if (order <= 0)
        {
            return Reading.Known(new RebootAdvice(RebootNeed.No, order == 0
                ? $"the newest installed kernel {newest.Value} is running"
                : $"the running kernel {running.Value} is newer than every installed kernel"));
        }

        if (!patches.IsKnown)
        {
            return Reading.Unknown<RebootAdvice>($"kernel {newest.Value} is installed but not running, and whether live patches cover the running kernel is unknown: {patches.UnknownReason}");
        }

        var live = new List<string>();
        foreach (var patch in patches.Value!)
        {
            if (patch.Enabled is { IsKnown: true, Value: true })
            {
                live.Add(patch.Name);
            }
        }

        return Reading.Known(live.Count == 0
            ? new RebootAdvice(RebootNeed.Yes, $"kernel {newest.Value} is installed but {running.Value} is running, with no live patch")
            : new RebootAdvice(RebootNeed.YesButLivePatched, $"kernel {newest.Value} is installed but {running.Value} is running; live patches ({string.Join(", ", live)}) cover it until the reboot"));
    }
}
