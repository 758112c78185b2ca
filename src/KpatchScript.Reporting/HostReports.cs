using KpatchScript.Host;
using KpatchScript.Operations;
using KpatchScript.Reports;
using KpatchScript.Status;
using KpatchScript.Verification;

namespace KpatchScript.Reporting;

/// <summary>
/// Reports from scripts: <c>var report = await HostReports.BuildAsync(Kpatch.Connect());</c>, then
/// <c>report.WriteFile("report.html", "report.html")</c> or <c>Write(report.Render("status.txt"))</c>.
/// Under the real <c>dotnet script</c>: <c>#r "nuget: KpatchScript.Reporting, x.y.z"</c>.
/// </summary>
public static class HostReports
{
    /// <summary>
    /// The report of the facade's host: its status, its verification as of now (a transition is
    /// judged as it is, not watched for a minute), the newest audit journal entries, the verdict.
    /// </summary>
    public static async Task<HostReport> BuildAsync(IKpatchFacade facade, ReportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(facade);
        var status = await facade.DetectAsync(cancellationToken).ConfigureAwait(false);
        var verification = facade is IVerifyNow now ? now.VerifyNow(status, cancellationToken) : await facade.VerifyAsync(cancellationToken).ConfigureAwait(false);
        var journal = facade is KpatchFacade kpatch
            ? ReadJournal(kpatch, installRoot: null)
            : Reading.Unknown<Journal>("this facade has no audit journal to read (it is not a KpatchFacade)");
        return await Builder(TimeProvider.System, [], options).BuildAsync(status, verification, journal, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A report builder with the given clock and contributors (the CLI's, and plugins' once loaded).</summary>
    public static HostReportBuilder Builder(TimeProvider time, IEnumerable<IReportDataContributor> contributors, ReportOptions? options = null) =>
        new(time, contributors, options);

    /// <summary>
    /// The audit journal of the facade's host (on the target, under <paramref name="installRoot"/>
    /// when one is given), or why it cannot be read (a report still renders without it).
    /// </summary>
    public static Reading<Journal> ReadJournal(KpatchFacade facade, string? installRoot)
    {
        ArgumentNullException.ThrowIfNull(facade);
        try
        {
            return Reading.Known(facade.ReadJournal(installRoot));
        }
        catch (HostSystemException ex)
        {
            return Reading.Unknown<Journal>(ex.Message);
        }
    }
}
