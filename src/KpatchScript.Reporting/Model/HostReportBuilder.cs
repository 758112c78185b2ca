using System.Text.Json.Nodes;
using KpatchScript.Operations;
using KpatchScript.Reporting.Alerts;
using KpatchScript.Reports;
using KpatchScript.Serialization;
using KpatchScript.Status;
using KpatchScript.Verification;

namespace KpatchScript.Reporting;

/// <summary>
/// Builds the report model of one host from the documents the Core writers produce (status as
/// <c>status --json</c>, verification as <c>verify --json</c>, the journal as <c>journal --json</c>),
/// parsed back, so templates see exactly the schemas' names; plus the generation time (from the
/// <see cref="TimeProvider"/>), the tool version, the verdict, the problems the alert rules find,
/// and the sections of report data contributors (plugins), each isolated: one that throws becomes
/// a named failure in the report, the others still contribute.
/// </summary>
public sealed class HostReportBuilder(TimeProvider time, IEnumerable<IReportDataContributor> contributors, ReportOptions? options = null)
{
    public const int SchemaVersion = 1;

    private readonly ReportOptions _options = options ?? new ReportOptions();

    /// <param name="status">The host's status.</param>
    /// <param name="verification">Its verification (as of now: reports do not watch transitions).</param>
    /// <param name="journal">The audit journal, or the reason it could not be read.</param>
    /// <param name="cancellationToken">Stops waiting for contributors.</param>
    public async Task<HostReport> BuildAsync(HostStatus status, VerificationReport verification, Reading<Journal> journal, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        // The verification carries the host's one verdict (judged by the facade over this status and its checks).
        var verdict = verification.Verdict;
        var rules = AlertRules.Evaluate(status, verification, _options.Alerts, now);
        var tracked = AlertTracker.Track(rules, _options.AlertState, status.Target, _options.Alerts, now);
        var (sections, failures) = await ContributeAsync(status, verification, cancellationToken).ConfigureAwait(false);
        var model = new JsonObject
        {
            ["schema_version"] = SchemaVersion,
            ["generated_at"] = JsonConvention.Time(now),
            ["tool_version"] = KpatchFacade.ToolVersion,
            ["target"] = status.Target,
            ["verdict"] = ModelJson.Parse(VerdictJson.Write(verdict)),
            ["status"] = ModelJson.Parse(StatusJson.Serialize(status, verdict)),
            ["verification"] = ModelJson.Parse(VerificationJson.Write(verification)),
            ["journal"] = journal.IsKnown
                ? ModelJson.Parse(JournalJson.Write(journal.Value! with { Entries = journal.Value.Entries.Take(_options.JournalLimit).ToList() }))
                : new JsonObject { ["unknown"] = journal.UnknownReason },
            ["alerts"] = new JsonObject
            {
                ["active"] = AlertJson.Write(tracked.Active),
                ["pending"] = AlertJson.Write(tracked.Pending),
                ["undetermined"] = AlertJson.Write(rules.Undetermined),
            },
            ["sections"] = ModelJson.Array(sections, Section),
            ["section_failures"] = ModelJson.Array(failures, f => new JsonObject { ["contributor"] = f.Contributor, ["error"] = f.Error }),
        };
        return new HostReport(model, verdict, status, verification);
    }

    private async Task<(List<ReportSection> Sections, List<(string Contributor, string Error)> Failures)> ContributeAsync(
        HostStatus status, VerificationReport verification, CancellationToken cancellationToken)
    {
        var sections = new List<ReportSection>();
        var failures = new List<(string, string)>();
        foreach (var contributor in contributors)
        {
            var name = SafeName(contributor);
            try
            {
                var contributed = await contributor.ContributeAsync(status, verification, cancellationToken).ConfigureAwait(false);
                var bad = contributed.SelectMany(s => s.Rows.Select((row, i) => (s, row, i))).FirstOrDefault(r => r.row.Count != r.s.Columns.Count);
                if (bad.s is not null)
                {
                    failures.Add((name, $"section {bad.s.Id}: row {bad.i + 1} has {bad.row.Count} cell(s) for {bad.s.Columns.Count} column(s)"));
                    continue;
                }

                sections.AddRange(contributed);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures.Add((name, $"{ex.GetType().Name}: {ex.Message}"));
            }
        }

        return (sections, failures);
    }

    /// <summary>A plugin's Name may itself throw: the failure must still be named.</summary>
    private static string SafeName(IReportDataContributor contributor)
    {
        try
        {
            return contributor.Name;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return contributor.GetType().FullName ?? "unnamed contributor";
        }
    }

    private static JsonObject Section(ReportSection section) => new()
    {
        ["id"] = section.Id,
        ["title"] = section.Title,
        ["columns"] = ModelJson.Strings(section.Columns),
        ["rows"] = ModelJson.Array(section.Rows, row => ModelJson.Strings(row)),
        ["note"] = section.Note,
    };
}
