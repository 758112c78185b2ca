using System.Runtime.CompilerServices;
using KpatchScript.Plugins;
using KpatchScript.Verification;

[assembly: KpatchPlugin(typeof(TestPlugins.StackOverflow.StackOverflowPlugin))]

namespace TestPlugins.StackOverflow;

public sealed class StackOverflowPlugin : IKpatchPlugin
{
    public string Description => "recurses until the stack overflows";

    public void Register(IPluginRegistrar registrar)
    {
        if (registrar.ConfigurationJson?.Contains("register", StringComparison.Ordinal) == true)
        {
            _ = Deeper.Recurse(0);
        }

        registrar.AddVerificationCheck(new Deeper());
    }
}

internal sealed class Deeper : IVerificationCheck
{
    public string Name => "deep";

    public Task<VerificationCheck> CheckAsync(VerificationCheckContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new VerificationCheck(Name, Recurse(0) > 0 ? CheckResult.Pass : CheckResult.Fail, "never"));

    // Not a tail call (the addition follows it), and not inlined: every call takes a frame.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Recurse(int depth) => Recurse(depth + 1) + 1;
}
