using KpatchScript.Alerts;
using KpatchScript.Verdicts;

namespace KpatchScript.Reporting.Alerts;

/// <summary>One evaluation: the rules' findings, deduplication, the batch for the sinks (rendered) and the verdict.</summary>
public sealed record AlertOutcome(RuleEvaluation Rules, TrackedAlerts Tracked, AlertBatch Batch, Verdict Verdict);
