using KpatchScript.Alerts;

namespace KpatchScript.Reporting.Alerts;

/// <summary>
/// Hands a batch to every sink, one after the other, each isolated: a sink that throws is a
/// named failure in the results and the others still deliver. Built-in sinks and plugin sinks
/// (registered by the host after plugin loading) go through the same path.
/// </summary>
public static class AlertDelivery
{
    public static async Task<IReadOnlyList<SinkResult>> DeliverAsync(AlertBatch batch, IEnumerable<IAlertSink> sinks, CancellationToken cancellationToken)
    {
        var results = new List<SinkResult>();
        foreach (var sink in sinks)
        {
            var name = NameOf(sink);
            try
            {
                await sink.DeliverAsync(batch, cancellationToken).ConfigureAwait(false);
                results.Add(new SinkResult(name, "delivered", null));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                results.Add(new SinkResult(name, "failed", $"{ex.GetType().Name}: {ex.Message}"));
            }
        }

        return results;
    }

    private static string NameOf(IAlertSink sink)
    {
        try
        {
            return sink.Name;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return sink.GetType().FullName ?? "unnamed sink";
        }
    }
}
