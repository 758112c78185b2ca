using System.Collections.Concurrent;
using System.Text.Json;
using KpatchScript.Host;

namespace KpatchScript.PluginHosting.Processes;

/// <summary>
/// The target as a check in a plugin process sees it: every call goes to the host, which performs
/// it on the target the check was given (<see cref="HostCalls"/>) and answers. Synchronous, as
/// <see cref="IHostSystem"/> is: the check's thread waits for the answer.
/// </summary>
internal sealed class HostProxy(LineChannel channel, HostProxy.Answers answers, long check, string name, bool isReadOnly) : IHostSystem
{
    /// <summary>The answers the host sent, matched to the calls waiting for them.</summary>
    internal sealed class Answers
    {
        private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> _waiting = new();
        private long _next;

        public (long Id, Task<JsonElement> Answer) Expect()
        {
            var id = Interlocked.Increment(ref _next);
            var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting[id] = answer;
            return (id, answer.Task);
        }

        public void Receive(JsonElement message)
        {
            if (_waiting.TryRemove(message.GetProperty("id").GetInt64(), out var answer))
            {
                answer.TrySetResult(message);
            }
        }

        /// <summary>The host is gone: no call will be answered.</summary>
        public void Abandon()
        {
            foreach (var id in _waiting.Keys)
            {
                if (_waiting.TryRemove(id, out var answer))
                {
                    answer.TrySetException(new HostSystemException("kpatch-script stopped the check's process"));
                }
            }
        }
    }

    public string Name => name;

    public bool IsReadOnly => isReadOnly;

    public EntryKind GetEntryKind(string path) => Enum.Parse<EntryKind>(Call("entry_kind", w => w.WriteString("path", path)).GetString()!);

    public string ReadFile(string path) => Call("read_file", w => w.WriteString("path", path)).GetString()!;

    public IReadOnlyList<DirectoryEntry> ListDirectory(string path) =>
        Call("list_directory", w => w.WriteString("path", path)).EnumerateArray()
            .Select(e => new DirectoryEntry(e.GetProperty("name").GetString()!, Enum.Parse<EntryKind>(e.GetProperty("kind").GetString()!))).ToList();

    public void WriteFile(string path, string content) => Call("write_file", w =>
    {
        w.WriteString("path", path);
        w.WriteString("content", content);
    });

    // The journal and the host lock belong to kpatch-script's own operations: a check only looks.
    public void AppendLine(string path, string line) =>
        throw new HostSystemException($"a plugin's check cannot append to {path}: checks read the target, only kpatch-script's operations journal");

    public IDisposable? Lock(string path, string holder, TimeSpan wait, CancellationToken cancellationToken = default) =>
        throw new HostSystemException($"a plugin's check cannot take the host lock {path}: checks read the target, only kpatch-script's operations lock it");

    public CommandResult Run(CommandSpec command, CancellationToken cancellationToken = default)
    {
        var value = Call("run", w =>
        {
            w.WriteStartArray("arguments");
            foreach (var argument in command.Arguments)
            {
                w.WriteStringValue(argument);
            }

            w.WriteEndArray();
            w.WriteBoolean("mutates", command.Mutates);
            w.WriteNumber("timeout_ms", command.Timeout.TotalMilliseconds);
        });
        return new CommandResult(value.GetProperty("exit_code").GetInt32(), value.GetProperty("stdout").GetString()!, value.GetProperty("stderr").GetString()!);
    }

    private JsonElement Call(string call, Action<Utf8JsonWriter> arguments)
    {
        var (id, answer) = answers.Expect();
        channel.SendAsync(w =>
        {
            w.WriteString("type", "host");
            w.WriteNumber("id", id);
            w.WriteNumber("check", check);
            w.WriteString("call", call);
            arguments(w);
        }).GetAwaiter().GetResult();
        var message = answer.GetAwaiter().GetResult();
        return message.TryGetProperty("error", out var error)
            ? throw HostCalls.ErrorOf(error)
            : message.GetProperty("value");
    }
}
