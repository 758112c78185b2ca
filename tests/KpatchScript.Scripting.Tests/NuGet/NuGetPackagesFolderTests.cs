namespace KpatchScript.Scripting.Tests.NuGet;

/// <summary>The packages folder: used offline, never trusted half-extracted, shared by concurrent resolutions.</summary>
public sealed class NuGetPackagesFolderTests : NuGetTestBase
{
    public NuGetPackagesFolderTests()
    {
        TestPackage.Write(Workspace.Feed, "Kps.App", "1.0.0", ("Kps.Lib", "1.0.0"));
        TestPackage.Write(Workspace.Feed, "Kps.Lib", "1.0.0");
    }

    [Theory]
    [InlineData("1.0.0")]
    [InlineData(null)]
    public void Uses_the_packages_folder_with_no_source_at_all(string? asked)
    {
        var online = Workspace.Resolve("Kps.App", "1.0.0", Workspace.Feed);
        Directory.Delete(Workspace.Feed, recursive: true);

        var offline = Workspace.Resolve("Kps.App", asked);

        Assert.Equal(online.Packages, offline.Packages);
        Assert.Equal(online.Assemblies, offline.Assemblies);
    }

    [Fact]
    public void Extracts_again_a_package_an_interrupted_run_left_without_its_marker()
    {
        var leftover = Path.Combine(Workspace.Packages, "kps.lib", "1.0.0");
        Directory.CreateDirectory(Path.Combine(leftover, "lib", "net8.0"));
        File.WriteAllText(Path.Combine(leftover, "lib", "net8.0", "Kps.Lib.dll"), "half written");

        var resolution = Workspace.Resolve("Kps.Lib", "1.0.0", Workspace.Feed);

        Assert.NotEqual("half written", File.ReadAllText(Assert.Single(resolution.Assemblies)));
    }

    [Fact]
    public void Lets_parallel_resolutions_of_the_same_package_all_succeed()
    {
        var resolutions = new Scripting.NuGet.NuGetResolution[8];

        Parallel.For(0, resolutions.Length, i => resolutions[i] = Workspace.Resolve("Kps.App", "1.0.0", Workspace.Feed));

        foreach (var resolution in resolutions)
        {
            Assert.Equal(["Kps.App.dll", "Kps.Lib.dll"], resolution.Assemblies.Select(Path.GetFileName));
            Assert.All(resolution.Assemblies, assembly => Assert.True(new FileInfo(assembly).Length > 0, assembly));
        }

        // Complete and nothing left beside it: the version folder only, with its marker.
        Assert.Equal(["1.0.0"], Directory.GetFileSystemEntries(Path.Combine(Workspace.Packages, "kps.app")).Select(Path.GetFileName));
        Assert.True(File.Exists(Path.Combine(Workspace.Packages, "kps.app", "1.0.0", ".nupkg.metadata")));
        Assert.Empty(Directory.GetFiles(Path.Combine(Workspace.Packages, "kps.app", "1.0.0"), "*.tmp*", SearchOption.AllDirectories));
    }
}
