using KpatchScript.Alerts;

namespace KpatchScript.Reporting.Alerts;

/// <summary>The outcome of deduplication: what is active, what waits for its hold time, what to send, and the state to keep.</summary>
public sealed record TrackedAlerts(IReadOnlyList<Alert> Active, IReadOnlyList<Alert> Pending, IReadOnlyList<Alert> Notifications, IReadOnlyList<AlertStateEntry> State);

/// <summary>
/// Deduplication against the previous runs' state: a new problem is notified once; a known one
/// again only after the re-notification interval (or when its severity changed); a notified problem
/// that is gone gets one resolution notice. A rule that could not judge this time keeps its
/// entries as they are: an unknown is not a resolution.
/// </summary>
public static class AlertTracker
{
    public static TrackedAlerts Track(RuleEvaluation evaluation, IReadOnlyList<AlertStateEntry> previous, string target, AlertSettings settings, DateTimeOffset now)
    {
        var byKey = previous.Where(e => e.Target == target).ToDictionary(e => e.Key, StringComparer.Ordinal);
        var state = previous.Where(e => e.Target != target).ToList();
        var active = new List<Alert>();
        var pending = new List<Alert>();
        var notifications = new List<Alert>();
        foreach (var problem in evaluation.Problems)
        {
            var known = byKey.GetValueOrDefault(problem.Key);
            var alert = problem with { Since = known?.FirstSeen ?? now };
            if (now - alert.Since < settings.HoldFor(problem.Rule))
            {
                pending.Add(alert);
                state.Add(Entry(alert, lastNotified: null));
                continue;
            }

            active.Add(alert);
            var due = known?.LastNotified is not { } last
                || known.Severity != alert.Severity
                || (settings.Renotify > TimeSpan.Zero && now - last >= settings.Renotify);
            if (due)
            {
                notifications.Add(alert);
            }

            state.Add(Entry(alert, due ? now : known!.LastNotified));
        }

        var present = evaluation.Problems.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var undetermined = evaluation.Undetermined.Select(u => u.Rule).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in byKey.Values.Where(e => !present.Contains(e.Key)))
        {
            if (undetermined.Contains(gone.Rule))
            {
                state.Add(gone);
            }
            else if (gone.LastNotified is not null)
            {
                notifications.Add(new Alert(gone.Rule, gone.Key, gone.Severity, AlertState.Resolved, gone.Host, gone.Target, $"resolved: {gone.Summary}",
                    $"No longer found; it was first seen at {gone.FirstSeen.UtcDateTime:yyyy-MM-dd HH:mm}Z.", gone.FirstSeen, now));
            }
        }

        return new TrackedAlerts(active, pending, notifications, state.OrderBy(e => e.Target, StringComparer.Ordinal).ThenBy(e => e.Key, StringComparer.Ordinal).ToList());
    }

    private static AlertStateEntry Entry(Alert alert, DateTimeOffset? lastNotified) =>
        new(alert.Key, alert.Rule, alert.Severity, alert.Host, alert.Target, alert.Summary, alert.Since, lastNotified);
}
