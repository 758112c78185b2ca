using KpatchScript.Alerts;
using KpatchScript.Plugins;
using KpatchScript.Reports;
using KpatchScript.Status;
using KpatchScript.Verification;

[assembly: KpatchPlugin(typeof(TestPlugins.Hanging.HangingPlugin))]

namespace TestPlugins.Hanging;

public sealed class HangingPlugin : IKpatchPlugin
{
    public string Description => "never answers";

    public void Register(IPluginRegistrar registrar)
    {
        if (registrar.ConfigurationJson?.Contains("register", StringComparison.Ordinal) == true)
        {
            Thread.Sleep(Timeout.Infinite);
        }

        registrar.AddVerificationCheck(new Hanger());
        registrar.AddAlertSink(new Hanger());
        registrar.AddReportDataContributor(new Hanger());
    }
}

internal sealed class Hanger : IVerificationCheck, IAlertSink, IReportDataContributor
{
    public string Name => "hanger";

    // A synchronous hang: the thread never comes back, whatever the token says.
    public Task<VerificationCheck> CheckAsync(VerificationCheckContext context, CancellationToken cancellationToken)
    {
        Thread.Sleep(Timeout.Infinite);
        return Task.FromResult(new VerificationCheck(Name, CheckResult.Pass, "never"));
    }

    // Awaits forever and ignores the token.
    public Task DeliverAsync(AlertBatch batch, CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, CancellationToken.None);

    public async Task<IReadOnlyList<ReportSection>> ContributeAsync(HostStatus status, VerificationReport? verification, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, CancellationToken.None);
        return [];
    }
}
