using KpatchScript.PluginHosting.Isolation;
using KpatchScript.Plugins;
using KpatchScript.Verification;

namespace KpatchScript.PluginHosting.Processes;

/// <summary>
/// Where one plugin's checks run: a plugin process of its own, started when first needed and
/// again after one ended (a check that ended it, or was killed at its timeout, does not take the
/// plugin's other checks with it). One check at a time per plugin, so that an end is told to
/// the check that caused it; the checks of several plugins run at once.
/// </summary>
internal sealed class PluginWorker
{
    private readonly Turns _turns = new();
    private readonly PluginInfo _inspected;
    private readonly string? _configuration;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private PluginProcess? _process;
    private PluginInfo _info;
    private volatile bool _unloaded;

    /// <summary>For the plugin as its manifest says (<see cref="Loading.PluginAssemblyLoader.Inspect"/>), at its checked path, with its configuration section (JSON text, or null).</summary>
    public PluginWorker(PluginInfo inspected, string? configuration, TimeSpan timeout, TimeProvider time)
    {
        (_inspected, _configuration, _timeout, _time, _info) = (inspected, configuration, timeout, time, inspected);
    }

    public string Plugin => _inspected.Name;

    /// <summary>Starts the plugin process and has it register the plugin: what it registered, or why it failed (the process is then gone).</summary>
    public async Task<PluginInfo> StartAsync()
    {
        using (await _turns.TakeAsync(CancellationToken.None).ConfigureAwait(false))
        {
            var (_, info) = await EnsureProcessAsync().ConfigureAwait(false);
            return info;
        }
    }

    /// <summary>
    /// Runs check <paramref name="name"/> (<c>&lt;Plugin&gt;:&lt;check&gt;</c>) in the plugin process. What the
    /// check found, or what it threw there, is its result. No answer (the process ended, crashed or
    /// hung, or the plugin is not loaded) is <see cref="CheckNotAnsweredException"/> naming the plugin:
    /// verify then exits UNKNOWN. Nothing else is thrown but the caller's cancellation.
    /// </summary>
    public async Task<VerificationCheck> CheckAsync(string name, VerificationCheckContext context, CancellationToken cancellationToken)
    {
        using (await _turns.TakeAsync(cancellationToken).ConfigureAwait(false))
        {
            if (_unloaded)
            {
                throw Failed($"check '{name}': the plugin was unloaded; reload it to use it again");
            }

            var (process, info) = await EnsureProcessAsync().ConfigureAwait(false);
            if (process is null)
            {
                throw new CheckNotAnsweredException(info.Error ?? $"plugin {Plugin}: it is not loaded");
            }

            try
            {
                return await process.CheckAsync(name, context, cancellationToken).ConfigureAwait(false);
            }
            catch (PluginProcessEndedException ended)
            {
                await RetireAsync(process).ConfigureAwait(false);
                throw Failed(_unloaded ? $"check '{name}': the plugin was unloaded while it ran" : ended.End.Describe($"during check '{name}'"));
            }
            catch (TimeoutException)
            {
                await RetireAsync(process).ConfigureAwait(false);
                throw Failed($"check '{name}' did not answer within {PluginCall.Seconds(_timeout)} s");
            }
            catch (OperationCanceledException)
            {
                await RetireAsync(process).ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>Lets go of a process that ended or was killed, before the next check could take it for a live one.</summary>
    private async Task RetireAsync(PluginProcess process)
    {
        Interlocked.CompareExchange(ref _process, null, process);
        await process.StopAsync().ConfigureAwait(false);
    }

    /// <summary>Ends the plugin process (the plugin is disposed there); later checks fail saying the plugin was unloaded.</summary>
    public Task StopAsync()
    {
        _unloaded = true;
        return Interlocked.Exchange(ref _process, null)?.StopAsync() ?? Task.CompletedTask;
    }

    private CheckNotAnsweredException Failed(string what) => new($"plugin {Plugin}: {what}");

    /// <summary>The live plugin process, started (and loaded) when there is none; null with the reason when the plugin cannot be loaded in one.</summary>
    private async Task<(PluginProcess? Process, PluginInfo Info)> EnsureProcessAsync()
    {
        if (_process is { HasEnded: false } live)
        {
            return (live, _info);
        }

        if (_process is { } ended)
        {
            await ended.StopAsync().ConfigureAwait(false);
        }

        PluginProcess process;
        try
        {
            process = PluginProcess.Start(Plugin, _timeout, _time);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            _process = null;
            _info = _inspected with { State = PluginState.Failed, Error = $"plugin {Plugin}: its process cannot be started: {ex.Message}" };
            return (null, _info);
        }

        _info = await process.LoadAsync(_inspected.Path, _configuration, _inspected).ConfigureAwait(false);
        if (_info.State != PluginState.Loaded)
        {
            await process.StopAsync().ConfigureAwait(false);
            _process = null;
            return (null, _info);
        }

        _process = process;
        return (process, _info);
    }
}
