namespace KpatchScript.Scripting.Tests.NuGet;

/// <summary>Versions chosen from folder feeds, flat and hierarchical.</summary>
public sealed class NuGetFeedTests : NuGetTestBase
{
    public NuGetFeedTests()
    {
        foreach (var version in new[] { "1.0.0", "1.5.0", "2.0.0", "3.0.0-beta1" })
        {
            TestPackage.Write(Workspace.Feed, "Kps.Alpha", version);
        }
    }

    [Theory]
    [InlineData("1.5.0", "1.5.0")]
    [InlineData("[1.5.0]", "1.5.0")]
    [InlineData("1.5", "1.5.0")]
    [InlineData("3.0.0-beta1", "3.0.0-beta1")]
    public void Takes_the_pinned_version_from_a_flat_feed(string asked, string expected)
    {
        var resolution = Workspace.Resolve("Kps.Alpha", asked, Workspace.Feed);

        var package = Assert.Single(resolution.Packages);
        Assert.Equal(("Kps.Alpha", expected), (package.Id, package.Version));
        Assert.Equal(Path.Combine(Workspace.Packages, "kps.alpha", expected), package.Directory);
        Assert.Equal([Path.Combine(package.Directory, "lib", "net8.0", "Kps.Alpha.dll")], resolution.Assemblies);
        Assert.True(File.Exists(resolution.Assemblies[0]));
        Assert.True(File.Exists(Path.Combine(package.Directory, ".nupkg.metadata")));
    }

    [Theory]
    [InlineData(null, "2.0.0")]
    [InlineData("*", "2.0.0")]
    [InlineData("1.*", "1.5.0")]
    [InlineData("[1.0.0,2.0.0)", "1.5.0")]
    [InlineData("*-*", "3.0.0-beta1")]
    public void Takes_the_highest_matching_version_when_not_pinned(string? asked, string expected)
    {
        var resolution = Workspace.Resolve("kps.alpha", asked, Workspace.Feed);

        Assert.Equal(expected, Assert.Single(resolution.Packages).Version);
    }

    [Fact]
    public void Reads_a_hierarchical_feed()
    {
        var feed = Path.Combine(Workspace.Feed, "..", "hierarchical");
        TestPackage.WriteHierarchical(feed, "Kps.Beta", "1.0.0");
        TestPackage.WriteHierarchical(feed, "Kps.Beta", "1.1.0");

        var resolution = Workspace.Resolve("Kps.Beta", null, feed);

        Assert.Equal("1.1.0", Assert.Single(resolution.Packages).Version);
        Assert.True(File.Exists(Assert.Single(resolution.Assemblies)));
    }

    [Fact]
    public void Does_not_take_a_package_whose_id_only_starts_with_the_one_asked()
    {
        TestPackage.Write(Workspace.Feed, "Kps.Alpha.Extra", "9.0.0");

        var resolution = Workspace.Resolve("Kps.Alpha", null, Workspace.Feed);

        Assert.Equal(("Kps.Alpha", "2.0.0"), (resolution.Packages[0].Id, resolution.Packages[0].Version));
    }
}
