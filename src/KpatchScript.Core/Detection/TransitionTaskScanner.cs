using System.Globalization;
using KpatchScript.Host;
using KpatchScript.Status;

namespace KpatchScript.Detection;

/// <summary>
/// Names the tasks a transition waits for: those whose <c>/proc/&lt;pid&gt;/task/&lt;tid&gt;/patch_state</c>
/// is neither -1 (no transition) nor the transitioning patch's target (its <c>enabled</c> value),
/// the same test <c>kpatch list</c> uses for "Stalled processes".
/// </summary>
internal static class TransitionTaskScanner
{
    public static Reading<IReadOnlyList<TransitionTask>> Scan(HostReader reader, Reading<IReadOnlyList<LivepatchPatch>> patches)
    {
        if (!patches.IsKnown)
        {
            return Reading.Unknown<IReadOnlyList<TransitionTask>>(patches.UnknownReason!);
        }

        // Only one patch can be in transition at a time.
        LivepatchPatch? moving = null;
        foreach (var patch in patches.Value!)
        {
            if (patch.Transition is { IsKnown: true, Value: true })
            {
                moving = patch;
                break;
            }
        }

        if (moving is null)
        {
            return Reading.Known<IReadOnlyList<TransitionTask>>([]);
        }

        if (!moving.Enabled.IsKnown)
        {
            return Reading.Unknown<IReadOnlyList<TransitionTask>>($"the target state of {moving.Name} is unknown: {moving.Enabled.UnknownReason}");
        }

        var target = moving.Enabled.Value ? 1 : 0;
        var processes = reader.List(KnownPaths.Proc);
        if (!processes.IsKnown)
        {
            return Reading.Unknown<IReadOnlyList<TransitionTask>>(processes.UnknownReason!);
        }

        var tasks = new List<TransitionTask>();
        foreach (var pid in Numeric(processes.Value!))
        {
            var threads = reader.List($"{KnownPaths.Proc}/{pid}/task");
            if (!threads.IsKnown)
            {
                continue; // The process exited while we looked.
            }

            foreach (var tid in Numeric(threads.Value!))
            {
                var taskDirectory = $"{KnownPaths.Proc}/{pid}/task/{tid}";
                var statePath = $"{taskDirectory}/patch_state";
                if (reader.Kind(statePath) == EntryKind.Missing)
                {
                    continue; // Exited, or a kernel without CONFIG_LIVEPATCH per-task state.
                }

                var state = reader.ReadInt32(statePath);
                if (!state.IsKnown)
                {
                    return Reading.Unknown<IReadOnlyList<TransitionTask>>(state.UnknownReason!);
                }

                if (state.Value is -1 || state.Value == target)
                {
                    continue;
                }

                var command = reader.ReadValue($"{taskDirectory}/comm");
                tasks.Add(new TransitionTask(moving.Name, pid, tid, command, state.Value));
            }
        }

        return Reading.Known<IReadOnlyList<TransitionTask>>(tasks);
    }

    /// <summary>The numbered subdirectories (pids, tids), in order. A loop, not LINQ: status's start-up path.</summary>
    private static List<int> Numeric(IReadOnlyList<DirectoryEntry> entries)
    {
        var numbers = new List<int>();
        foreach (var entry in entries)
        {
            if (entry.Kind == EntryKind.Directory && int.TryParse(entry.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                numbers.Add(n);
            }
        }

        numbers.Sort();
        return numbers;
    }
}
