using KpatchScript.Plugins;
using KpatchScript.Verification;

namespace KpatchScript.PluginHosting.Processes;

/// <summary>
/// <c>&lt;Plugin&gt;:load</c>, failed with the reason, for a plugin whose loading failed (it threw,
/// hung, missed a dependency, or its process ended while it registered): the checks it would
/// have added are unknown, and an unknown is never an all-clear. Without it a plugin that cannot
/// register would leave verify as good as if it had no checks, said only on stderr, which monitors
/// do not read. It got no answer (<see cref="CheckNotAnsweredException"/>): verify exits UNKNOWN naming it.
/// </summary>
internal sealed class FailedLoadCheck(PluginInfo plugin) : IVerificationCheck
{
    public string Name => plugin.Name + ":load";

    public Task<VerificationCheck> CheckAsync(VerificationCheckContext context, CancellationToken cancellationToken) =>
        Task.FromException<VerificationCheck>(new CheckNotAnsweredException(plugin.Error ?? $"plugin {plugin.Name} failed to load"));
}
