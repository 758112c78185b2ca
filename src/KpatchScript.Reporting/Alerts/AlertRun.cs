using System.Text.Json.Nodes;
using KpatchScript.Alerts;
using KpatchScript.Reporting.Rendering;
using KpatchScript.Serialization;
using KpatchScript.Status;
using KpatchScript.Verdicts;
using KpatchScript.Verification;

namespace KpatchScript.Reporting.Alerts;

/// <summary>
/// An alert run: evaluate the rules, deduplicate against the state, render the notifications
/// with <c>alert.txt</c> and <c>alert.json</c> for the sinks. Delivery and the state file are the
/// caller's (a dry run does neither).
/// </summary>
public sealed class AlertRun(TimeProvider time, AlertSettings settings, TemplateLookup lookup)
{
    /// <exception cref="TemplateException">An alert template fails; one line.</exception>
    public AlertOutcome Evaluate(HostStatus status, VerificationReport verification, IReadOnlyList<AlertStateEntry> state)
    {
        var now = time.GetUtcNow();
        var rules = AlertRules.Evaluate(status, verification, settings, now);
        var tracked = AlertTracker.Track(rules, state, status.Target, settings, now);
        // The host's one verdict, as the facade judged it over this status and verification: sinks get it, none judge their own.
        var verdict = verification.Verdict;
        var batch = new AlertBatch(status, verification, tracked.Active, tracked.Notifications, now, verdict);
        if (tracked.Notifications.Count > 0)
        {
            var model = Model(status, verdict, tracked, now);
            var renderer = new TemplateRenderer(lookup);
            batch = batch with { RenderedText = renderer.Render("alert.txt", model), RenderedJson = renderer.Render("alert.json", model) };
        }

        return new AlertOutcome(rules, tracked, batch, verdict);
    }

    /// <summary>What the alert templates see.</summary>
    internal static JsonObject Model(HostStatus status, Verdict verdict, TrackedAlerts tracked, DateTimeOffset now) => new()
    {
        ["schema_version"] = 1,
        ["generated_at"] = JsonConvention.Time(now),
        ["tool_version"] = KpatchFacade.ToolVersion,
        ["target"] = status.Target,
        ["host"] = status.Host.Hostname.GetValueOrDefault(status.Target),
        ["verdict"] = ModelJson.Parse(VerdictJson.Write(verdict)),
        ["notifications"] = AlertJson.Write(tracked.Notifications),
        ["active"] = AlertJson.Write(tracked.Active),
        ["pending"] = AlertJson.Write(tracked.Pending),
    };

    /// <summary>What <c>alerts --json</c> prints: the evaluation, what was (or would be) sent, and what each sink did.</summary>
    public static JsonObject Json(AlertOutcome outcome, IReadOnlyList<SinkResult> sinks, bool dryRun, string stateFile) => new()
    {
        ["schema_version"] = 1,
        ["generated_at"] = JsonConvention.Time(outcome.Batch.Time),
        ["tool_version"] = KpatchFacade.ToolVersion,
        ["target"] = outcome.Batch.Status.Target,
        ["dry_run"] = dryRun,
        ["state_file"] = stateFile,
        ["verdict"] = ModelJson.Parse(VerdictJson.Write(outcome.Verdict)),
        ["active"] = AlertJson.Write(outcome.Tracked.Active),
        ["pending"] = AlertJson.Write(outcome.Tracked.Pending),
        ["notifications"] = AlertJson.Write(outcome.Tracked.Notifications),
        ["undetermined"] = AlertJson.Write(outcome.Rules.Undetermined),
        ["sinks"] = ModelJson.Array(sinks, s => new JsonObject { ["sink"] = s.Sink, ["result"] = s.Result, ["error"] = s.Error }),
    };
}
