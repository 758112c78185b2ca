using System.Collections;
using KpatchScript.PluginHosting;
using KpatchScript.Plugins;

namespace KpatchScript.Cli.Plugins;

/// <summary>
/// The checks of plugins loading in the background (verify, status): the plugin processes start
/// and register while the command reads the host, and the list is waited for when verification
/// first asks for it, which then names on stderr the plugins that could not be loaded. Reading a
/// host and starting a plugin process each take tens of milliseconds: done together, not one after
/// the other (plugins/README.md, Plugin processes: the cost). Disposing waits as well, and ends the processes.
/// </summary>
internal sealed class BackgroundChecks(Task<PluginHost> loading, Action<PluginHost> loaded) : IReadOnlyList<IVerificationCheck>, IDisposable
{
    private readonly Lock _lock = new();
    private IReadOnlyList<IVerificationCheck>? _checks;

    public int Count => Checks.Count;

    public IVerificationCheck this[int index] => Checks[index];

    private IReadOnlyList<IVerificationCheck> Checks
    {
        get
        {
            lock (_lock)
            {
                if (_checks is null)
                {
                    var host = loading.GetAwaiter().GetResult();
                    loaded(host);
                    _checks = host.VerificationChecks;
                }

                return _checks;
            }
        }
    }

    public IEnumerator<IVerificationCheck> GetEnumerator() => Checks.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
        // A load that failed has nothing to end; its error was the command's when the checks were asked for.
        if (loading.Wait(Timeout.InfiniteTimeSpan) && loading.IsCompletedSuccessfully)
        {
            loading.Result.Dispose();
        }
    }
}
