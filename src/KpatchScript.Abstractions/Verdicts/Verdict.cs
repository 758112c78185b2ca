namespace KpatchScript.Verdicts;

/// <summary>
/// The answer to "am I covered?", judged in one place (<c>KpatchScript.Verdicts.VerdictJudge</c> in
/// the facade) from a host's status and its verification, and shown the same by every surface:
/// <c>status</c>, <c>verify</c> (and its Nagios codes), reports, alerts, plugins, the Cockpit panel.
/// </summary>
/// <param name="State">covered, action needed or not covered: the worst level among the reasons.</param>
/// <param name="Summary">One sentence for a heading, a Nagios line or a mail subject.</param>
/// <param name="Reasons">Every finding, worst first, each one sentence that quotes what was read.</param>
public sealed record Verdict(VerdictState State, string Summary, IReadOnlyList<VerdictReason> Reasons);

/// <summary>One finding behind a verdict.</summary>
/// <param name="Code">A stable identifier (<see cref="ReasonCodes"/>), e.g. <c>support-window-ended</c>, <c>check-failed:transition</c>.</param>
/// <param name="Level">not covered, action needed, or note (said, but it does not change the state).</param>
/// <param name="Text">One sentence a person can act on.</param>
public sealed record VerdictReason(string Code, ReasonLevel Level, string Text);
