using KpatchScript.Alerts;

namespace KpatchScript.Reporting.Alerts;

/// <summary>The built-in <c>stdout</c> sink: prints the notifications as <c>alert.txt</c> renders them; nothing when there are none.</summary>
public sealed class StdoutSink(TextWriter output) : IAlertSink
{
    public string Name => "stdout";

    public Task DeliverAsync(AlertBatch batch, CancellationToken cancellationToken)
    {
        if (batch.RenderedText is { } text)
        {
            output.Write(text);
            output.Flush();
        }

        return Task.CompletedTask;
    }
}
