using KpatchScript.Alerts;
using KpatchScript.IO;

namespace KpatchScript.Reporting.Alerts;

/// <summary>
/// The built-in <c>file</c> sink: writes the latest notifications (<c>alert.json</c>, or
/// <c>alert.txt</c> with format <c>txt</c>) to <c>alerts.file.path</c>, atomically (a temporary
/// file renamed over it), so a reader never sees half a file. Runs without notifications leave it as it is.
/// </summary>
public sealed class FileSink(string path, string format) : IAlertSink
{
    public string Name => "file";

    public Task DeliverAsync(AlertBatch batch, CancellationToken cancellationToken)
    {
        var content = format == "txt" ? batch.RenderedText : batch.RenderedJson;
        if (content is not null)
        {
            AtomicFile.Write(path, content);
        }

        return Task.CompletedTask;
    }
}
