using KpatchScript.Alerts;

namespace KpatchScript.Plugins.Prometheus;

/// <summary>Rewrites the .prom file on every evaluation: the metrics say what is true now, notified or not.</summary>
internal sealed class TextfileSink(string path) : IAlertSink
{
    public string Name => "prometheus";

    public Task DeliverAsync(AlertBatch batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        PrometheusTextfile.WriteAtomically(path, PrometheusTextfile.Render(batch.Status, batch.Verification, batch.Active, batch.Time));
        return Task.CompletedTask;
    }
}
