using KpatchScript.Plugins;
using KpatchScript.Verification;

[assembly: KpatchPlugin(typeof(TestPlugins.Exiting.ExitingPlugin))]

namespace TestPlugins.Exiting;

public sealed class ExitingPlugin : IKpatchPlugin
{
    public string Description => "ends the process with exit code 0";

    public void Register(IPluginRegistrar registrar)
    {
        if (registrar.ConfigurationJson?.Contains("register", StringComparison.Ordinal) == true)
        {
            Environment.Exit(0);
        }

        registrar.AddVerificationCheck(new Exiter());
    }
}

internal sealed class Exiter : IVerificationCheck
{
    public string Name => "exit";

    // Exit code 0 and nothing written: what a monitor would read as OK if it ended kpatch-script.
    public Task<VerificationCheck> CheckAsync(VerificationCheckContext context, CancellationToken cancellationToken)
    {
        Environment.Exit(0);
        return Task.FromResult(new VerificationCheck(Name, CheckResult.Pass, "never"));
    }
}
