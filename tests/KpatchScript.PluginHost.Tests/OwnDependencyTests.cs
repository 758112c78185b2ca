using KpatchScript.TestFixtures;
using NuGet.Versioning;

namespace KpatchScript.PluginHosting.Tests;

public sealed class OwnDependencyTests
{
    [Fact]
    public void A_plugin_gets_its_own_version_of_a_library_the_host_also_loads_and_the_host_keeps_its_own()
    {
        // The host's NuGet.Versioning (8.0.0, via NuGet.Protocol for #r "nuget:"), loaded before the plugin.
        var hostVersion = NuGetVersion.Parse("8.0.0-host");
        Assert.Equal(8, typeof(NuGetVersion).Assembly.GetName().Version!.Major);
        using var plugins = new TestPlugins("OwnDependencyPlugin");
        using var host = plugins.Load();

        var check = Sysroot.Facade(host).Verify().Checks.Single(c => c.Name == "OwnDependencyPlugin:nuget-versioning");

        Assert.Equal(Verification.CheckResult.Pass, check.Result);
        Assert.Equal($"NuGet.Versioning 6.7.0.127 from {plugins.Directory}/OwnDependencyPlugin/NuGet.Versioning.dll parsed beta", check.Detail);
        Assert.Equal(8, typeof(NuGetVersion).Assembly.GetName().Version!.Major);
        Assert.Equal("host", hostVersion.Release);
    }
}
