using KpatchScript.Alerts;
using KpatchScript.PluginHosting.Loading;

namespace KpatchScript.PluginHosting.Isolation;

/// <summary>A plugin's alert sink behind the plugin timeout: any failure throws a one-line <see cref="PluginException"/>.</summary>
internal sealed class IsolatedAlertSink(Registration<IAlertSink> sink, PluginCall call) : IAlertSink
{
    public string Name => sink.Name;

    public Task DeliverAsync(AlertBatch batch, CancellationToken cancellationToken) =>
        call.RunAsync($"alert sink '{sink.Name}'", token => sink.Target.DeliverAsync(batch, token), cancellationToken);
}
