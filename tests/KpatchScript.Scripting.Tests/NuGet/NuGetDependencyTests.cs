using KpatchScript.Scripting.NuGet;

namespace KpatchScript.Scripting.Tests.NuGet;

/// <summary>Transitive dependencies: the nuspec group for the running framework, lowest applicable versions, framework packages.</summary>
public sealed class NuGetDependencyTests : NuGetTestBase
{
    [Fact]
    public void Resolves_a_transitive_dependency_at_its_lowest_applicable_version()
    {
        TestPackage.Write(Workspace.Feed, "Kps.App", "1.0.0", ("Kps.Lib", "1.0.0"));
        TestPackage.Write(Workspace.Feed, "Kps.Lib", "1.0.0");
        TestPackage.Write(Workspace.Feed, "Kps.Lib", "1.2.0");

        var resolution = Workspace.Resolve("Kps.App", "1.0.0", Workspace.Feed);

        Assert.Equal(["Kps.App 1.0.0", "Kps.Lib 1.0.0"], resolution.Packages.Select(p => $"{p.Id} {p.Version}"));
        Assert.Equal(["Kps.App.dll", "Kps.Lib.dll"], resolution.Assemblies.Select(Path.GetFileName));
    }

    [Fact]
    public void Takes_the_highest_lower_bound_when_two_packages_need_the_same_one()
    {
        TestPackage.Write(Workspace.Feed, "Kps.One", "1.0.0", ("Kps.Lib", "1.0.0"));
        TestPackage.Write(Workspace.Feed, "Kps.Two", "1.0.0", ("Kps.Lib", "[1.2.0, 2.0.0)"));
        foreach (var version in new[] { "1.0.0", "1.2.0", "1.3.0" })
        {
            TestPackage.Write(Workspace.Feed, "Kps.Lib", version);
        }

        var resolution = Workspace.Resolver(Workspace.Feed)
            .Resolve([new NuGetReference("Kps.One", null), new NuGetReference("Kps.Two", null)], CancellationToken.None);

        Assert.Equal(["Kps.One 1.0.0", "Kps.Two 1.0.0", "Kps.Lib 1.2.0"], resolution.Packages.Select(p => $"{p.Id} {p.Version}"));
    }

    [Fact]
    public void Lets_a_higher_script_reference_win_over_a_dependency_without_a_warning()
    {
        TestPackage.Write(Workspace.Feed, "Kps.App", "1.0.0", ("Kps.Lib", "1.0.0"));
        TestPackage.Write(Workspace.Feed, "Kps.Lib", "1.0.0");
        TestPackage.Write(Workspace.Feed, "Kps.Lib", "1.2.0");

        var resolution = Workspace.Resolver(Workspace.Feed)
            .Resolve([new NuGetReference("Kps.App", null), new NuGetReference("Kps.Lib", "1.2.0")], CancellationToken.None);

        Assert.Equal(["Kps.App 1.0.0", "Kps.Lib 1.2.0"], resolution.Packages.Select(p => $"{p.Id} {p.Version}"));
        Assert.Empty(resolution.Warnings);
    }

    [Fact]
    public void Skips_dependencies_the_shared_framework_provides()
    {
        // None of these is in the feed: asking for them would fail.
        TestPackage.Write(Workspace.Feed, "Kps.Old", "1.0.0", ("NETStandard.Library", "2.0.3"), ("System.Runtime", "4.3.0"), ("Microsoft.NETCore.Platforms", "1.1.0"));

        var resolution = Workspace.Resolve("Kps.Old", null, Workspace.Feed);

        Assert.Equal("Kps.Old", Assert.Single(resolution.Packages).Id);
    }

    [Fact]
    public void Names_the_package_that_needs_a_missing_dependency()
    {
        TestPackage.Write(Workspace.Feed, "Kps.App", "1.0.0", ("Kps.Gone", "2.0.0"));

        var error = Assert.Throws<ScriptReferenceException>(() => Workspace.Resolve("Kps.App", null, Workspace.Feed));

        Assert.StartsWith("package 'Kps.Gone' version '[2.0.0, )' (needed by 'Kps.App 1.0.0') was not found in: ", error.Message);
    }
}
