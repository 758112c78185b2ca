namespace KpatchScript.Verdicts;

/// <summary>What the verdict needs besides the host's data; from configuration.</summary>
public sealed record VerdictOptions
{
    /// <summary>A support window ending within this many days needs action (<c>alerts.rules.support-window-ending.days</c>, shared with the alert rule).</summary>
    public int SupportWindowWarningDays { get; init; } = 30;

    /// <summary>
    /// Codes a site accepts (<c>"verdict": {"downgrade": {"livepatch-unsupported": "note"}}</c>): a
    /// reason whose code a key names (<see cref="ReasonCodes.Matches"/>) weighs at most the given
    /// level, and its text says so. Empty by default: nothing is accepted unless a site says so.
    /// </summary>
    /// <remarks>
    /// A list of records, not a dictionary keyed to an enum: <c>status</c> judges on its start-up
    /// path, and a generic collection over a value type is compiled at run time (measured: the
    /// judge's enum-keyed LINQ and dictionary cost status --json about 7 ms, 15 %).
    /// </remarks>
    public IReadOnlyList<Downgrade> Downgrades { get; init; } = [];
}

/// <summary>One accepted code: reasons it names weigh at most <paramref name="Level"/>.</summary>
/// <param name="Code">A reason code, or a prefix of codes up to a ':' (<c>check-failed:module-vermagic</c>).</param>
/// <param name="Level">action needed or note.</param>
public sealed record Downgrade(string Code, ReasonLevel Level);
