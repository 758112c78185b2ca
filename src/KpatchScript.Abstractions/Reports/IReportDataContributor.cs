using KpatchScript.Status;
using KpatchScript.Verification;

namespace KpatchScript.Reports;

/// <summary>Adds sections to reports (site inventory, change tickets, ...); plugins implement it.</summary>
public interface IReportDataContributor
{
    /// <summary>A short stable name for messages, e.g. <c>inventory</c>.</summary>
    string Name { get; }

    /// <summary>
    /// The sections to add for one host. Throwing reports this contributor as failed (naming it)
    /// in the report instead of its sections; the report is still rendered.
    /// </summary>
    Task<IReadOnlyList<ReportSection>> ContributeAsync(HostStatus status, VerificationReport? verification, CancellationToken cancellationToken);
}
