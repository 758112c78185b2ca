namespace KpatchScript.Reporting.Verdicts;

/// <summary>
/// The answer at the top of a report, of an alert run and of the Cockpit panel: is this host
/// covered by live patching? Judged once, in <see cref="VerdictJudge"/>, never in a template.
/// </summary>
/// <param name="State"><see cref="VerdictStates.Covered"/>, <see cref="VerdictStates.ActionNeeded"/> or <see cref="VerdictStates.NotCovered"/>: the worst level among the reasons.</param>
/// <param name="Summary">One sentence for a heading or a mail subject.</param>
/// <param name="Reasons">Every finding, worst first, each one sentence.</param>
public sealed record Verdict(string State, string Summary, IReadOnlyList<VerdictReason> Reasons);

/// <summary>One finding behind a verdict.</summary>
/// <param name="Code">A stable identifier, e.g. <c>support-window-ended</c>, <c>reboot-due</c>, <c>unknown-reboot</c>.</param>
/// <param name="Level"><see cref="VerdictStates.NotCovered"/>, <see cref="VerdictStates.ActionNeeded"/>, or <see cref="VerdictStates.Note"/> (said, but it does not change the state).</param>
/// <param name="Text">One sentence a person can act on.</param>
public sealed record VerdictReason(string Code, string Level, string Text);

/// <summary>The words of verdicts and of their reasons' levels, as the JSON and the templates carry them.</summary>
public static class VerdictStates
{
    public const string Covered = "covered";
    public const string ActionNeeded = "action needed";
    public const string NotCovered = "not covered";

    /// <summary>A reason's level that informs without changing the state.</summary>
    public const string Note = "note";

    /// <summary>0 for the worst (not covered), 1 action needed, 2 covered; notes rank after everything.</summary>
    public static int Rank(string level) => level switch
    {
        NotCovered => 0,
        ActionNeeded => 1,
        Covered => 2,
        _ => 3,
    };
}
