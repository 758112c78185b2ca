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
    public IReadOnlyDictionary<string, ReasonLevel> Downgrades { get; init; } = new Dictionary<string, ReasonLevel>();
}
