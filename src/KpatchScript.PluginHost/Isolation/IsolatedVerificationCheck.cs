using KpatchScript.PluginHosting.Loading;
using KpatchScript.Plugins;
using KpatchScript.Verification;

namespace KpatchScript.PluginHosting.Isolation;

/// <summary>
/// A plugin's verification check behind the plugin timeout, in its plugin process
/// (<see cref="Processes.ChildSession"/>). What the check throws is its result, <c>fail</c> with
/// the reason; a check that does not answer in time is <see cref="CheckNotAnsweredException"/>,
/// which the plugin process passes on to the host as no answer (verify exits UNKNOWN).
/// </summary>
internal sealed class IsolatedVerificationCheck(Registration<IVerificationCheck> check, PluginCall call) : IVerificationCheck
{
    /// <summary><c>&lt;Plugin&gt;:&lt;check&gt;</c>, the name verify shows.</summary>
    public string Name => check.Name;

    public async Task<VerificationCheck> CheckAsync(VerificationCheckContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await call.RunAsync($"check '{check.Name}'", token => check.Target.CheckAsync(context, token), cancellationToken).ConfigureAwait(false)
                ?? new VerificationCheck(Name, CheckResult.Fail, $"plugin {call.Plugin}: check '{check.Name}' returned no result");
        }
        catch (PluginException ex) when (ex.NoAnswer)
        {
            throw new CheckNotAnsweredException(ex.Message);
        }
        catch (PluginException ex)
        {
            return new VerificationCheck(Name, CheckResult.Fail, ex.Message);
        }
    }
}
