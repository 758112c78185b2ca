using KpatchScript.Plugins;
using KpatchScript.Status;

namespace KpatchScript.ScriptRuns;

/// <summary>
/// What a script host hands to the scripts it runs: the target, dry-run mode, settings and the
/// cancellation token. It flows with the script's async calls (AsyncLocal), so two scripts run
/// by one process at once each see their own. Without a host (the real <c>dotnet script</c>)
/// there is none and <see cref="Kpatch"/> uses the defaults.
/// </summary>
public sealed class ScriptContext
{
    private static readonly AsyncLocal<ScriptContext?> CurrentContext = new();
    private readonly List<IDisposable> _opened = [];

    /// <summary>The target scripts connect to when they name none.</summary>
    public string Target { get; init; } = "local";

    /// <summary>Every mutating facade call prints its plan and changes nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Facade settings (configuration file of the host).</summary>
    public KpatchSettings Settings { get; init; } = new();

    /// <summary>Cancelled on Ctrl+C, SIGTERM or the run's timeout.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Where dry-run plans are printed.</summary>
    public TextWriter Out { get; init; } = Console.Out;

    /// <summary>Verification checks of the host's plugins: <c>VerifyAsync</c> runs them after the built-in checks.</summary>
    public IReadOnlyList<IVerificationCheck> VerificationChecks { get; init; } = [];

    /// <summary>The context of the running script, or null outside a script host.</summary>
    public static ScriptContext? Current => CurrentContext.Value;

    /// <summary>Makes this the context of the code that runs until the returned scope is disposed; disposing closes the targets scripts opened.</summary>
    public IDisposable Enter()
    {
        var previous = CurrentContext.Value;
        CurrentContext.Value = this;
        return new Scope(this, previous);
    }

    internal void Track(IDisposable opened)
    {
        lock (_opened)
        {
            _opened.Add(opened);
        }
    }

    private sealed class Scope(ScriptContext context, ScriptContext? previous) : IDisposable
    {
        public void Dispose()
        {
            CurrentContext.Value = previous;
            lock (context._opened)
            {
                foreach (var opened in context._opened)
                {
                    opened.Dispose();
                }

                context._opened.Clear();
            }
        }
    }
}
