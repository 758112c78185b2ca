namespace KpatchScript.Operations;

/// <summary>How a live patch module is loaded.</summary>
public sealed record LoadOptions
{
    /// <summary>List the steps, change nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>How long to wait for the patch's transition; null uses the configured transition timeout.</summary>
    public TimeSpan? TransitionTimeout { get; init; }

    /// <summary>
    /// When the transition stalls past the timeout, reverse it and remove the module (what
    /// <c>kpatch load</c> does). Off by default: the patch stays loaded in transition and the result
    /// names the tasks it waits for, so an admin can release them.
    /// </summary>
    public bool RevertOnStall { get; init; }

    /// <summary>Receives one line per step and, while waiting, the transition's progress.</summary>
    public IProgress<string>? Progress { get; init; }
}

/// <summary>How a live patch is reverted and its module removed.</summary>
public sealed record UnloadOptions
{
    /// <summary>List the steps, change nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>How long to wait for the unpatching transition; null uses the configured transition timeout.</summary>
    public TimeSpan? TransitionTimeout { get; init; }

    /// <summary>Receives one line per step and, while waiting, the transition's progress.</summary>
    public IProgress<string>? Progress { get; init; }
}

/// <summary>
/// Red Hat does not support reverting a live patch without a reboot (KB 2206511; RHEL's kpatch
/// asks before <c>unload</c>). Unloading needs this acknowledgement, written at the call site so
/// every revert is visible in review.
/// </summary>
public enum RevertAcknowledgement
{
    /// <summary>Not acknowledged: the unload is refused and nothing changes.</summary>
    None = 0,

    /// <summary>The caller knows the revert is unsupported and wants it anyway.</summary>
    RevertingWithoutRebootIsUnsupported = 1,
}
