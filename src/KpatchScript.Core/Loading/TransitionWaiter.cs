using KpatchScript.Detection;
using KpatchScript.Host;
using KpatchScript.Status;

namespace KpatchScript.Loading;

/// <summary>
/// Waits for one patch's transition by polling its sysfs attributes, the way <c>kpatch</c> does
/// (it polls every second; we poll faster because a fast transition is the common case). Kernels
/// before 5.1 have <c>&lt;patch&gt;/signal</c>: after <see cref="SignalAfter"/> it is written once to
/// nudge the stalled tasks; later kernels signal them by themselves every 15 s.
/// </summary>
internal sealed class TransitionWaiter(HostReader reader, TimeProvider time, IProgress<string>? progress)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>kpatch's POST_ENABLE_WAIT: the first wait before stalled tasks are signalled.</summary>
    public static readonly TimeSpan SignalAfter = TimeSpan.FromSeconds(15);

    /// <summary>What the patch is moving towards.</summary>
    public enum Goal
    {
        /// <summary>Enabled, transition over.</summary>
        Patched,

        /// <summary>Disabled: its directory gone (5.1+) or enabled=0 with no transition.</summary>
        Unpatched,
    }

    /// <summary>Null when the goal is reached; otherwise one line saying what is stuck and on which tasks.</summary>
    public string? Wait(string patch, Goal goal, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var directory = $"{KnownPaths.Livepatch}/{patch}";
        var started = time.GetUtcNow();
        var signalled = false;
        var lastReport = TimeSpan.FromSeconds(-1);
        while (true)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw new Operations.OperationInterruptedException(
                    $"interrupted while waiting for the transition of {patch}; it goes on in the kernel: check it with 'kpatch-script status'");
            }

            var exists = reader.Kind(directory) == EntryKind.Directory;
            if (!exists)
            {
                return goal == Goal.Unpatched
                    ? null
                    : $"{patch} disappeared from {KnownPaths.Livepatch} while its transition ran: it was disabled or replaced meanwhile";
            }

            var transition = reader.ReadFlag($"{directory}/transition");
            var enabled = reader.ReadFlag($"{directory}/enabled");
            if (transition is { IsKnown: true, Value: false })
            {
                if (goal == Goal.Patched && enabled is { IsKnown: true, Value: true })
                {
                    return null;
                }

                if (goal == Goal.Unpatched && enabled is { IsKnown: true, Value: false })
                {
                    return null; // Kernels before 5.1 keep the directory of a disabled patch.
                }

                if (goal == Goal.Patched && enabled is { IsKnown: true, Value: false })
                {
                    return $"{patch} was disabled while its transition ran";
                }
            }
            else if (!transition.IsKnown && reader.Kind(directory) == EntryKind.Directory)
            {
                return $"cannot follow the transition of {patch}: {transition.UnknownReason}";
            }

            var elapsed = time.GetUtcNow() - started;
            if (elapsed >= timeout)
            {
                var tasks = TransitionTaskScanner.Scan(reader, Reading.Known<IReadOnlyList<LivepatchPatch>>([Moving(patch, goal)]));
                return $"the transition of {patch} did not finish in {timeout.TotalSeconds:0} s; {BlockingTasks.Describe(reader, tasks)}";
            }

            if (!signalled && elapsed >= SignalAfter && reader.Kind($"{directory}/signal") == EntryKind.File)
            {
                signalled = true;
                progress?.Report($"{patch}: transition stalled; signalling the tasks it waits for");
                try
                {
                    reader.Host.WriteFile($"{directory}/signal", "1");
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or HostSystemException)
                {
                    progress?.Report($"{patch}: could not signal the stalled tasks: {ex.Message}");
                }
            }

            if (elapsed - lastReport >= TimeSpan.FromSeconds(1))
            {
                lastReport = elapsed;
                progress?.Report($"waiting for the transition of {patch} ({elapsed.TotalSeconds:0} s of at most {timeout.TotalSeconds:0} s)");
            }

            Task.Delay(PollInterval, time, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    /// <summary>The patch as the task scanner needs it: in transition towards the goal.</summary>
    private static LivepatchPatch Moving(string patch, Goal goal) =>
        new(patch, goal == Goal.Patched ? "enabling" : "disabling", Reading.Known(goal == Goal.Patched), Reading.Known(true), null, null, Reading.Known<IReadOnlyList<LivepatchObject>>([]));
}
