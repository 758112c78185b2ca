using KpatchScript.Status;
using KpatchScript.Verdicts;
using KpatchScript.Verification;

namespace KpatchScript.Alerts;

/// <summary>
/// One evaluation of the alert rules, as handed to every <see cref="IAlertSink"/>: the status and
/// verification it judged, every problem present now, and the notifications due now after
/// deduplication (new problems, re-notifications past the interval, resolutions).
/// </summary>
/// <param name="Status">The status the rules judged.</param>
/// <param name="Verification">The verification the rules judged, when one ran.</param>
/// <param name="Active">Every problem present now, whether or not it is notified this time.</param>
/// <param name="Notifications">What to send now; empty when nothing changed since the last notification.</param>
/// <param name="Time">When the evaluation ran (from the host's <see cref="TimeProvider"/>).</param>
/// <param name="Verdict">The host's one verdict, as every other surface shows it: sinks publish it, never one of their own.</param>
public sealed record AlertBatch(
    HostStatus Status,
    VerificationReport? Verification,
    IReadOnlyList<Alert> Active,
    IReadOnlyList<Alert> Notifications,
    DateTimeOffset Time,
    Verdict Verdict)
{
    /// <summary>The notifications rendered by the <c>alert.txt</c> template; null when there are none.</summary>
    public string? RenderedText { get; init; }

    /// <summary>The notifications rendered by the <c>alert.json</c> template; null when there are none.</summary>
    public string? RenderedJson { get; init; }
}
