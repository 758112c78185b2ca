using KpatchScript.Plugins;
using KpatchScript.Verification;

namespace KpatchScript.PluginHosting.Processes;

/// <summary>
/// A plugin's check as the host hands it out: run in the plugin's process (<see cref="PluginWorker"/>).
/// It never throws: verify has no place for a crash, so a failure (a throw, a hang, an exit, a
/// crash of the plugin process) is the check's result, <c>fail</c> with the reason naming the plugin.
/// </summary>
internal sealed class ProcessVerificationCheck(PluginWorker worker, string name) : IVerificationCheck
{
    /// <summary><c>&lt;Plugin&gt;:&lt;check&gt;</c>, the name verify shows.</summary>
    public string Name => name;

    public Task<VerificationCheck> CheckAsync(VerificationCheckContext context, CancellationToken cancellationToken) =>
        worker.CheckAsync(name, context, cancellationToken);
}
