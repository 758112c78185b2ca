using KpatchScript.ScriptRuns;
using KpatchScript.Targets;

namespace KpatchScript;

/// <summary>
/// The entry point of scripts: <c>using KpatchScript; var kp = Kpatch.Connect();</c>. Under
/// kpatch-script the runner's target, dry-run mode, settings and cancellation flow in; under the
/// real <c>dotnet script</c> (with <c>#r "nuget: KpatchScript, x"</c>) it is the local host with
/// default settings.
/// </summary>
public static class Kpatch
{
    /// <summary>Cancelled when the run is interrupted (Ctrl+C, SIGTERM) or reaches its timeout; pass it to every call.</summary>
    public static CancellationToken Cancellation => ScriptContext.Current?.Cancellation ?? CancellationToken.None;

    /// <summary>True when the script runs with --dry-run.</summary>
    public static bool DryRun => ScriptContext.Current?.DryRun ?? false;

    /// <summary>
    /// The facade over <paramref name="target"/> (<c>local</c>, <c>sysroot:DIR</c>,
    /// <c>ssh://user@host[:port]</c>), or over the runner's target when null. In dry-run mode
    /// every call that would change the host prints its plan and changes nothing.
    /// </summary>
    public static IKpatchFacade Connect(string? target = null)
    {
        var context = ScriptContext.Current;
        var settings = context?.Settings ?? new Status.KpatchSettings();
        var host = HostSystems.Open(target ?? context?.Target ?? "local", settings);
        if (host is IDisposable disposable)
        {
            context?.Track(disposable);
        }

        var facade = new KpatchFacade(host, TimeProvider.System, settings) { Checks = context?.VerificationChecks ?? [] };
        return context?.DryRun == true ? new DryRunFacade(facade, context.Out) : facade;
    }
}
