namespace KpatchScript.Reporting.Verdicts;

/// <summary>What the verdict needs besides the host's data.</summary>
public sealed record VerdictOptions
{
    /// <summary>A support window ending within this many days needs action (the <c>support-window-ending</c> alert rule's <c>days</c>).</summary>
    public int SupportWindowWarningDays { get; init; } = 30;

    /// <summary>
    /// True when dnf was asked for updates (<c>--check-updates</c>): then updates that cannot be
    /// listed are an unknown that needs action; otherwise "not checked" is only a note.
    /// </summary>
    public bool UpdatesChecked { get; init; }
}
