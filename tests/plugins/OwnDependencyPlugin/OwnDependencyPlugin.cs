using KpatchScript.Plugins;
using KpatchScript.Verification;
using NuGet.Versioning;

[assembly: KpatchPlugin(typeof(TestPlugins.OwnDependency.OwnDependencyPlugin))]

namespace TestPlugins.OwnDependency;

public sealed class OwnDependencyPlugin : IKpatchPlugin
{
    public string Description => "uses its own NuGet.Versioning";

    public void Register(IPluginRegistrar registrar) => registrar.AddVerificationCheck(new VersionCheck());
}

internal sealed class VersionCheck : IVerificationCheck
{
    public string Name => "nuget-versioning";

    public Task<VerificationCheck> CheckAsync(VerificationCheckContext context, CancellationToken cancellationToken)
    {
        var assembly = typeof(NuGetVersion).Assembly;
        var parsed = NuGetVersion.Parse("1.2.3-beta");
        return Task.FromResult(new VerificationCheck(Name, CheckResult.Pass, $"NuGet.Versioning {assembly.GetName().Version} from {assembly.Location} parsed {parsed.Release}"));
    }
}
