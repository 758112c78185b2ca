using KpatchScript.Scripting.NuGet;

namespace KpatchScript.Scripting.Tests.NuGet;

/// <summary>ForScript reads the sources and packages folder as NuGet does, from the script's folder up.</summary>
public sealed class NuGetConfigurationTests : NuGetTestBase
{
    [Fact]
    public void Takes_extra_sources_first_then_the_enabled_sources_of_the_nearest_NuGet_config()
    {
        var scripts = Directory.CreateDirectory(Path.Combine(Workspace.Root, "scripts")).FullName;
        File.WriteAllText(Path.Combine(Workspace.Root, "NuGet.Config"), """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="packages" /></config>
              <packageSources>
                <clear />
                <add key="local" value="feed" />
                <add key="off" value="https://example.invalid/v3/index.json" />
              </packageSources>
              <disabledPackageSources><add key="off" value="true" /></disabledPackageSources>
            </configuration>
            """);

        var resolver = NuGetResolver.ForScript(scripts, ["extra"]);

        Assert.Equal([Path.GetFullPath("extra"), Path.Combine(Workspace.Root, "feed")], resolver.Sources);
        var expectedPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } fromEnvironment
            ? Path.GetFullPath(fromEnvironment)
            : Path.Combine(Workspace.Root, "packages");
        Assert.Equal(expectedPackages, resolver.PackagesDirectory);
    }
}
