namespace KpatchScript.Alerts;

/// <summary>How urgent an alert is.</summary>
public enum AlertSeverity
{
    /// <summary>Worth knowing (e.g. a reboot is recommended).</summary>
    Info,

    /// <summary>Needs action soon (a patch available but not installed, a support window ending).</summary>
    Warning,

    /// <summary>Live patching is not protecting the host (a stalled transition, verification failed).</summary>
    Critical,
}

/// <summary>Whether an alert reports a problem or its end.</summary>
public enum AlertState
{
    /// <summary>The problem is present.</summary>
    Firing,

    /// <summary>The problem was present at the previous evaluation and is gone now (a resolution notice).</summary>
    Resolved,
}

/// <summary>
/// One problem found by an alert rule on one host. <see cref="Key"/> identifies the problem across
/// runs (rule plus subject, e.g. <c>patch-available:kpatch-patch-5_14_0-284_11_1</c>), so a timer
/// that evaluates every 15 minutes notifies once per problem, and once more when it clears.
/// </summary>
/// <param name="Rule">The rule that raised it, e.g. <c>transition-stalled</c>.</param>
/// <param name="Key">Rule and subject: the identity used for deduplication.</param>
/// <param name="Severity">How urgent it is.</param>
/// <param name="State">Firing, or resolved since the previous evaluation.</param>
/// <param name="Host">The host name the status carries.</param>
/// <param name="Target">The target it was read from (<c>local</c>, <c>ssh://…</c>, <c>sysroot:…</c>).</param>
/// <param name="Summary">One line for a subject or a pager.</param>
/// <param name="Detail">What was found and what to do, in a sentence or two.</param>
/// <param name="Since">When the problem was first seen (kept across runs in the alert state).</param>
/// <param name="Time">When this evaluation ran.</param>
public sealed record Alert(
    string Rule,
    string Key,
    AlertSeverity Severity,
    AlertState State,
    string Host,
    string Target,
    string Summary,
    string Detail,
    DateTimeOffset Since,
    DateTimeOffset Time);
