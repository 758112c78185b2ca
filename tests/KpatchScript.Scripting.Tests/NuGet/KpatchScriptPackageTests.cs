using System.Reflection;
using KpatchScript.TestFixtures;

namespace KpatchScript.Scripting.Tests.NuGet;

/// <summary>The KpatchScript package this build produced resolves, with its Abstractions dependency, as a script would ask for it.</summary>
public sealed class KpatchScriptPackageTests : NuGetTestBase
{
    [Fact]
    public void Resolves_the_built_KpatchScript_package_with_its_abstractions()
    {
        // Core and Abstractions are built (and packed) in the configuration this test assembly was built in.
        var configuration = typeof(KpatchScriptPackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var version = typeof(ScriptHost).Assembly.GetName().Version!.ToString(3);
        Directory.CreateDirectory(Workspace.Feed);
        foreach (var (project, id) in new[] { ("KpatchScript.Core", "KpatchScript"), ("KpatchScript.Abstractions", "KpatchScript.Abstractions") })
        {
            var nupkg = RepositoryPaths.Combine("src", project, "bin", configuration, $"{id}.{version}.nupkg");
            Assert.True(File.Exists(nupkg), $"{nupkg} is missing: build src/{project} -c {configuration} (it packs on build)");
            File.Copy(nupkg, Path.Combine(Workspace.Feed, Path.GetFileName(nupkg)));
        }

        var resolution = Workspace.Resolve("KpatchScript", version, Workspace.Feed);

        Assert.Equal(["KpatchScript", "KpatchScript.Abstractions"], resolution.Packages.Select(p => p.Id));
        Assert.Equal(["KpatchScript.Core.dll", "KpatchScript.Abstractions.dll"], resolution.Assemblies.Select(Path.GetFileName));
        Assert.All(resolution.Assemblies, assembly => Assert.True(File.Exists(assembly), assembly));
    }

    [Fact]
    public void Resolves_the_built_reporting_package_with_the_facade_and_scriban()
    {
        var version = typeof(ScriptHost).Assembly.GetName().Version!.ToString(3);
        Directory.CreateDirectory(Workspace.Feed);
        foreach (var package in Running.PackageScriptTests.BuiltPackages())
        {
            File.Copy(package, Path.Combine(Workspace.Feed, Path.GetFileName(package)));
        }

        var resolution = Workspace.Resolve("KpatchScript.Reporting", version, Workspace.Feed);

        Assert.Equal(["KpatchScript", "KpatchScript.Abstractions", "KpatchScript.Reporting", "Scriban.Signed", "ZstdSharp.Port"], resolution.Packages.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.Contains("Scriban.Signed.dll", resolution.Assemblies.Select(Path.GetFileName));
        Assert.Contains("ZstdSharp.dll", resolution.Assemblies.Select(Path.GetFileName));
    }
}
