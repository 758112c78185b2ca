using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using KpatchScript.Host;
using KpatchScript.PluginHosting.Isolation;
using KpatchScript.Plugins;
using KpatchScript.Serialization;
using KpatchScript.Verification;

namespace KpatchScript.PluginHosting.Processes;

/// <summary>
/// The host's side of one plugin process (<see cref="PluginProcessMain"/>): starts it, has it load
/// the plugin, sends it checks and answers its calls on the target. Whatever the plugin does to
/// its process (exits, overflows its stack, is killed, hangs) is seen here: the end of its output
/// and its exit code, or no answer by the deadline, after which it is killed. Nagios runs its
/// plugins the same way, so that none of them can end the monitor.
/// The price, measured (2 cores, published ReadyToRun, verify of a sysroot with one plugin of one
/// check, 40 alternating runs): 125 ms before, 232 ms after (median), a runtime start and the
/// plugin's load in a process of its own; plugins/README.md, Plugin processes.
/// </summary>
internal sealed class PluginProcess : IDisposable
{
    /// <summary>How long starting the runtime may take, on top of the plugin's own steps (under load, seconds).</summary>
    private static readonly TimeSpan StartAllowance = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long past the plugin timeout a check's answer may come: the plugin process answers at
    /// the timeout itself ("did not answer within"), so waiting longer means its process is stuck.
    /// </summary>
    private static readonly TimeSpan AnswerGrace = TimeSpan.FromSeconds(2);

    private readonly Process _process;
    private readonly LineChannel _input;
    private readonly string _plugin;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource<PluginInfo> _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<long, Pending> _pending = new();
    private readonly Task _errors;
    private readonly Task _reading;
    private string? _runtimeLine;
    private string? _notAnAnswer;
    private PluginProcessEndedException? _ended;
    private long _nextCheck;

    private sealed class Pending(string name, IHostSystem host)
    {
        public string Name => name;

        public IHostSystem Host => host;

        public TaskCompletionSource<VerificationCheck> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Cancels the target calls the check still has going when it is over.</summary>
        public CancellationTokenSource Over { get; } = new();
    }

    private PluginProcess(Process process, string plugin, TimeSpan timeout, TimeProvider time)
    {
        (_process, _plugin, _timeout, _time) = (process, plugin, timeout, time);
        _input = new LineChannel(process.StandardInput);
        _errors = Task.Run(ReadErrorsAsync);
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>Whether the process ended (or was stopped): a new one is needed for the next check.</summary>
    public bool HasEnded => _reading.IsCompleted;

    /// <exception cref="InvalidOperationException">The plugin process cannot be started (no dotnet host, no runtimeconfig.json).</exception>
    /// <exception cref="System.ComponentModel.Win32Exception">The dotnet host cannot be run.</exception>
    public static PluginProcess Start(string plugin, TimeSpan timeout, TimeProvider time) =>
        new(Process.Start(ChildCommand.StartInfo())!, plugin, timeout, time);

    /// <summary>Has the process load the plugin at <paramref name="path"/> and register it: what it registered, or why it failed.</summary>
    public async Task<PluginInfo> LoadAsync(string path, string? configuration, PluginInfo inspected)
    {
        await TrySendAsync(w =>
        {
            w.WriteString("type", "load");
            w.WriteString("name", _plugin);
            w.WriteString("path", path);
            w.WriteString("configuration", configuration);
            w.WriteNumber("timeout_ms", _timeout.TotalMilliseconds);
            w.WriteString("now", _time.GetUtcNow());
        }).ConfigureAwait(false);

        // Creating, describing and registering each have the plugin timeout in the plugin process.
        var deadline = (3 * _timeout) + StartAllowance;
        try
        {
            return await _loaded.Task.WaitAsync(deadline, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Kill();
            return inspected with { State = PluginState.Failed, Error = $"plugin {_plugin}: its process did not finish loading it within {PluginCall.Seconds(deadline)} s, and was stopped" };
        }
        catch (PluginProcessEndedException ended)
        {
            return inspected with { State = PluginState.Failed, Error = $"plugin {_plugin}: {ended.End.Describe("while registering")}" };
        }
    }

    /// <summary>Runs one check in the plugin process.</summary>
    /// <exception cref="PluginProcessEndedException">The process ended before it answered.</exception>
    /// <exception cref="TimeoutException">No answer in time: the process was killed.</exception>
    public async Task<VerificationCheck> CheckAsync(string name, VerificationCheckContext context, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextCheck);
        var pending = new Pending(name, context.Host);
        _pending[id] = pending;
        try
        {
            if (Volatile.Read(ref _ended) is { } ended)
            {
                throw new PluginProcessEndedException(ended.End); // ended before this check was pending, so nothing else will say so
            }

            await TrySendAsync(w =>
            {
                w.WriteString("type", "check");
                w.WriteNumber("id", id);
                w.WriteString("check", name);
                w.WriteString("status", StatusJson.Serialize(context.Status));
                w.WriteString("target", context.Host.Name);
                w.WriteBoolean("read_only", context.Host.IsReadOnly);
                w.WriteString("now", context.Time.GetUtcNow());
            }).ConfigureAwait(false);
            return await pending.Result.Task.WaitAsync(_timeout + AnswerGrace, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Kill();
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Kill(); // what it was doing is not wanted any more, and a later check must not wait behind it
            throw;
        }
        finally
        {
            _pending.TryRemove(id, out _);
            await pending.Over.CancelAsync().ConfigureAwait(false);
            pending.Over.Dispose();
        }
    }

    /// <summary>Ends the process: the end of its input tells it to dispose the plugin and exit; killed when it does not within the plugin timeout.</summary>
    public async Task StopAsync()
    {
        await _input.CloseAsync().ConfigureAwait(false);
        try
        {
            await _reading.WaitAsync(_timeout + AnswerGrace, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Kill();
            await _reading.ConfigureAwait(false);
        }

        Dispose();
    }

    public void Dispose()
    {
        _input.Dispose();
        _process.Dispose();
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has ended already.
        }
    }

    private async Task TrySendAsync(Action<Utf8JsonWriter> message)
    {
        try
        {
            await _input.SendAsync(message).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The process is gone: reading its output ends and says how it ended.
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (!Dispatch(line))
                {
                    _notAnAnswer = line.Length > 200 ? line[..200] + "..." : line;
                    Kill();
                    break;
                }
            }
        }
        catch (IOException)
        {
            // Its output broke off: it ended.
        }

        var ended = new PluginProcessEndedException(await EndAsync().ConfigureAwait(false));
        Volatile.Write(ref _ended, ended);
        _loaded.TrySetException(ended);
        foreach (var pending in _pending.Values)
        {
            pending.Result.TrySetException(ended);
        }
    }

    /// <summary>Acts on one message; false when the line is not one.</summary>
    private bool Dispatch(string line)
    {
        JsonElement message;
        try
        {
            using var document = JsonDocument.Parse(line);
            message = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return false;
        }

        switch (Messages.Text(message, "type"))
        {
            case "loaded":
                _loaded.TrySetResult(Messages.ReadPlugin(message));
                return true;
            case "result" when _pending.TryGetValue(message.GetProperty("id").GetInt64(), out var pending):
                var result = Messages.ReadResult(message, pending.Name);
                if (Messages.Answered(message))
                {
                    pending.Result.TrySetResult(result);
                }
                else
                {
                    pending.Result.TrySetException(new CheckNotAnsweredException(result.Detail));
                }

                return true;
            case "result":
                return true; // a check given up on, answering late
            case "host":
                _ = AnswerAsync(message);
                return true;
            default:
                return false;
        }
    }

    private async Task AnswerAsync(JsonElement request)
    {
        var answer = _pending.TryGetValue(request.GetProperty("check").GetInt64(), out var pending)
            ? await HostCalls.AnswerAsync(pending.Host, request, pending.Over.Token).ConfigureAwait(false)
            : HostCalls.Refusal("the check this call belongs to is over");
        await TrySendAsync(w =>
        {
            w.WriteString("type", "host_result");
            w.WriteNumber("id", request.GetProperty("id").GetInt64());
            answer(w);
        }).ConfigureAwait(false);
    }

    private async Task ReadErrorsAsync()
    {
        try
        {
            // The plugin's own console output comes here too: only the runtime's words about an end are kept.
            while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (_runtimeLine is null && Array.Exists(ProcessEnd.RuntimeLineStarts, start => line.StartsWith(start, StringComparison.Ordinal)))
                {
                    _runtimeLine = line.Trim().TrimEnd('.'); // it ends a sentence of the host's
                }
            }
        }
        catch (IOException)
        {
            // Ended.
        }
    }

    private async Task<ProcessEnd> EndAsync()
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(StartAllowance, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Its output is closed but it lives on: nothing more can come from it.
            Kill();
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        try
        {
            await _errors.WaitAsync(AnswerGrace, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A process it started holds its stderr open: what the runtime said came before the exit.
        }

        return new ProcessEnd(_process.ExitCode, _runtimeLine, _notAnAnswer);
    }
}
