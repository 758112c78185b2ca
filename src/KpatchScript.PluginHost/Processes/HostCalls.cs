using System.Runtime.CompilerServices;
using System.Text.Json;
using KpatchScript.Host;

namespace KpatchScript.PluginHosting.Processes;

/// <summary>
/// The host's side of a plugin check's calls on the target: a check in a plugin process reads the
/// target through <see cref="HostProxy"/>, which asks the host, which answers from the very
/// <see cref="IHostSystem"/> the check was given (a sysroot, ssh, a test's fake), as if the check
/// ran here. Calls on one target go one at a time: checks used to run one after the other, and a
/// target need not be safe to use from several threads.
/// </summary>
internal static class HostCalls
{
    private static readonly ConditionalWeakTable<IHostSystem, SemaphoreSlim> Gates = [];

    /// <summary>Performs <paramref name="request"/> on <paramref name="host"/> and writes the answer's fields: <c>value</c>, or <c>error</c> (kind and message).</summary>
    public static async Task<Action<Utf8JsonWriter>> AnswerAsync(IHostSystem host, JsonElement request, CancellationToken cancellationToken)
    {
        var gate = Gates.GetValue(host, _ => new SemaphoreSlim(1, 1));
        try
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex)
        {
            return w => WriteError(w, ex);
        }

        try
        {
            // The target's calls are synchronous (IHostSystem): off the thread that reads the plugin process.
            return await Task.Run(() => Perform(host, request, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return w => WriteError(w, ex);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>An answer that is an error, for a call the host will not perform.</summary>
    public static Action<Utf8JsonWriter> Refusal(string why) => w => WriteError(w, new HostSystemException(why));

    private static Action<Utf8JsonWriter> Perform(IHostSystem host, JsonElement request, CancellationToken cancellationToken)
    {
        var path = Messages.Text(request, "path") ?? "";
        switch (Messages.Text(request, "call"))
        {
            case "entry_kind":
                var kind = host.GetEntryKind(path);
                return w => w.WriteString("value", kind.ToString());
            case "read_file":
                var text = host.ReadFile(path);
                return w => w.WriteString("value", text);
            case "list_directory":
                var entries = host.ListDirectory(path);
                return w =>
                {
                    w.WriteStartArray("value");
                    foreach (var entry in entries)
                    {
                        w.WriteStartObject();
                        w.WriteString("name", entry.Name);
                        w.WriteString("kind", entry.Kind.ToString());
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                };
            case "write_file":
                host.WriteFile(path, Messages.Text(request, "content") ?? "");
                return w => w.WriteNull("value");
            case "run":
                var command = new CommandSpec(request.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()!).ToList(), request.GetProperty("mutates").GetBoolean())
                {
                    Timeout = TimeSpan.FromMilliseconds(request.GetProperty("timeout_ms").GetDouble()),
                };
                var result = host.Run(command, cancellationToken);
                return w =>
                {
                    w.WriteStartObject("value");
                    w.WriteNumber("exit_code", result.ExitCode);
                    w.WriteString("stdout", result.StandardOutput);
                    w.WriteString("stderr", result.StandardError);
                    w.WriteEndObject();
                };
            default:
                throw new HostSystemException($"unknown call '{Messages.Text(request, "call")}'");
        }
    }

    private static void WriteError(Utf8JsonWriter w, Exception ex)
    {
        w.WriteStartObject("error");
        w.WriteString("kind", ex switch
        {
            FileNotFoundException => "file_not_found",
            DirectoryNotFoundException => "directory_not_found",
            UnauthorizedAccessException => "unauthorized",
            ReadOnlyTargetException => "read_only",
            CommandUnavailableException => "command_unavailable",
            HostSystemException => "host",
            IOException => "io",
            _ => "other",
        });
        w.WriteString("message", ex is HostSystemException or IOException or UnauthorizedAccessException ? ex.Message : $"{ex.GetType().FullName}: {ex.Message}");
        w.WriteEndObject();
    }

    /// <summary>The exception the target threw, as the check would have seen it here.</summary>
    public static Exception ErrorOf(JsonElement error)
    {
        var message = Messages.Text(error, "message") ?? "";
        return Messages.Text(error, "kind") switch
        {
            "file_not_found" => new FileNotFoundException(message),
            "directory_not_found" => new DirectoryNotFoundException(message),
            "unauthorized" => new UnauthorizedAccessException(message),
            "read_only" => new ReadOnlyTargetException(message),
            "command_unavailable" => new CommandUnavailableException(message),
            "io" => new IOException(message),
            _ => new HostSystemException(message),
        };
    }
}
