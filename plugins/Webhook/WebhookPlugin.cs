using KpatchScript.Plugins;

[assembly: KpatchPlugin(typeof(KpatchScript.Plugins.Webhook.WebhookPlugin))]

namespace KpatchScript.Plugins.Webhook;

/// <summary>
/// Registers the webhook sink. Configuration (<c>"plugins": {"Webhook": {...}}</c>): <c>urls</c>
/// (required), <c>timeout_seconds</c>, <c>attempts</c>, <c>backoff_seconds</c>, <c>body</c>,
/// <c>headers</c>; see <see cref="WebhookSettings"/>. Disposing it (the host unloading the plugin)
/// closes its connections.
/// </summary>
public sealed class WebhookPlugin : IKpatchPlugin, IDisposable
{
    private WebhookSink? _sink;

    public string Description => "Webhook alert sink: POSTs alert notifications as JSON (or a rendered template) to configured URLs, with timeout and retry";

    public void Register(IPluginRegistrar registrar)
    {
        var settings = WebhookSettings.Parse(registrar.ConfigurationJson, registrar.CallTimeout);
        _sink = new WebhookSink(settings, registrar.Time);
        registrar.AddAlertSink(_sink);
    }

    public void Dispose() => _sink?.Dispose();
}
