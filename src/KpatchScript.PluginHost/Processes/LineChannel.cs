using System.Buffers;
using System.Text;
using System.Text.Json;

namespace KpatchScript.PluginHosting.Processes;

/// <summary>
/// One side of the conversation between the host and a plugin process: JSON objects, one a line
/// (a compact writer never puts a newline inside one). Writes come from several threads (checks,
/// host calls) and go out whole, one at a time.
/// </summary>
internal sealed class LineChannel(TextWriter writer) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Sends one message; an <see cref="IOException"/> when the other side is gone.</summary>
    public async Task SendAsync(Action<Utf8JsonWriter> body)
    {
        var line = Json(body);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await writer.WriteLineAsync(line).ConfigureAwait(false);
            await writer.FlushAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException ex)
        {
            throw new IOException("the channel is closed", ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes this side: the other one reads the end of its input.</summary>
    public async Task CloseAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The other side is gone already.
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        writer.Dispose();
        _gate.Dispose();
    }

    public static string Json(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
