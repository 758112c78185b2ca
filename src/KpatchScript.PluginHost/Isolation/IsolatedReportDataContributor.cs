using KpatchScript.PluginHosting.Loading;
using KpatchScript.Reports;
using KpatchScript.Status;
using KpatchScript.Verification;

namespace KpatchScript.PluginHosting.Isolation;

/// <summary>A plugin's report data contributor behind the plugin timeout: any failure throws a one-line <see cref="PluginException"/>.</summary>
internal sealed class IsolatedReportDataContributor(Registration<IReportDataContributor> contributor, PluginCall call) : IReportDataContributor
{
    public string Name => contributor.Name;

    public Task<IReadOnlyList<ReportSection>> ContributeAsync(HostStatus status, VerificationReport? verification, CancellationToken cancellationToken) =>
        call.RunAsync<IReadOnlyList<ReportSection>>(
            $"report data contributor '{contributor.Name}'",
            async token => await contributor.Target.ContributeAsync(status, verification, token).ConfigureAwait(false) ?? [],
            cancellationToken);
}
