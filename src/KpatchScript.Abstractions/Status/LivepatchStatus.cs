namespace KpatchScript.Status;

/// <summary>What the kernel's livepatch interface shows.</summary>
/// <param name="Support">Whether the kernel supports livepatch, and why (not).</param>
/// <param name="Tainted">The raw <c>/proc/sys/kernel/tainted</c> value.</param>
/// <param name="TaintLivepatch">Taint bit 15 (<c>K</c>, 32768): the kernel has been live patched since boot; not "is patched now".</param>
/// <param name="Patches">Every patch under <c>/sys/kernel/livepatch</c>.</param>
/// <param name="InactiveModules">Livepatch modules still loaded (<c>/proc/modules</c>, taint <c>K</c>) whose patch is gone from sysfs: disabled or replaced.</param>
/// <param name="TransitionTasks">While a patch is in transition: the tasks not yet switched to its target state.</param>
public sealed record LivepatchStatus(
    Reading<LivepatchSupport> Support,
    Reading<long> Tainted,
    Reading<bool> TaintLivepatch,
    Reading<IReadOnlyList<LivepatchPatch>> Patches,
    Reading<IReadOnlyList<InactiveModule>> InactiveModules,
    Reading<IReadOnlyList<TransitionTask>> TransitionTasks);

/// <summary>Livepatch support and the evidence for it.</summary>
/// <param name="Supported">True when <c>/sys/kernel/livepatch</c> exists.</param>
/// <param name="Reason">What showed it, or why not.</param>
public sealed record LivepatchSupport(bool Supported, string Reason);

/// <summary>A livepatch module that is loaded but no longer has a patch in sysfs.</summary>
/// <param name="Name">Module name.</param>
/// <param name="ReferenceCount">Its reference count from <c>/proc/modules</c>.</param>
/// <param name="Taint">Its taint letters, e.g. <c>OEK</c>.</param>
public sealed record InactiveModule(string Name, Reading<int> ReferenceCount, string Taint);

/// <summary>A task that a transition is waiting for (its <c>patch_state</c> differs from the target).</summary>
/// <param name="Patch">The patch in transition.</param>
/// <param name="Pid">Process id.</param>
/// <param name="Tid">Thread id.</param>
/// <param name="Command">The thread's <c>comm</c>.</param>
/// <param name="PatchState">Its <c>patch_state</c>: 0 unpatched, 1 patched.</param>
public sealed record TransitionTask(string Patch, int Pid, int Tid, Reading<string> Command, int PatchState);
