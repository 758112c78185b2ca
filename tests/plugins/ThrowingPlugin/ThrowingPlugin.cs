using KpatchScript.Alerts;
using KpatchScript.Plugins;
using KpatchScript.Reports;
using KpatchScript.Status;
using KpatchScript.Verification;

[assembly: KpatchPlugin(typeof(TestPlugins.Throwing.ThrowingPlugin))]

namespace TestPlugins.Throwing;

public sealed class ThrowingPlugin : IKpatchPlugin
{
    public string Description => "throws from everything it offers";

    public void Register(IPluginRegistrar registrar)
    {
        if (registrar.ConfigurationJson?.Contains("register", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException("boom while registering");
        }

        registrar.AddVerificationCheck(new Thrower());
        registrar.AddAlertSink(new Thrower());
        registrar.AddReportDataContributor(new Thrower());
    }
}

internal sealed class Thrower : IVerificationCheck, IAlertSink, IReportDataContributor
{
    public string Name => "thrower";

    public Task<VerificationCheck> CheckAsync(VerificationCheckContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("boom from the check");

    public async Task DeliverAsync(AlertBatch batch, CancellationToken cancellationToken)
    {
        await Task.Yield();
        throw new InvalidOperationException("boom from the sink");
    }

    public Task<IReadOnlyList<ReportSection>> ContributeAsync(HostStatus status, VerificationReport? verification, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("boom from the contributor");
}
