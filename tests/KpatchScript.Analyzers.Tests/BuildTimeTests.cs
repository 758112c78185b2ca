using KpatchScript.Host;
using KpatchScript.TestFixtures;

namespace KpatchScript.Analyzers.Tests;

/// <summary>
/// The rules at build time, with the real dotnet build: a project under plugins/ gets them through
/// plugins/Directory.Build.props, and a project anywhere gets them from the KpatchScript.Analyzers
/// NuGet package this build packed. A KPS error fails the build; the compliant code builds.
/// </summary>
public sealed class BuildTimeTests : IDisposable
{
    private const string Violation = """
        namespace Probe;

        public static class Launcher
        {
            public static void Install() => System.Diagnostics.Process.Start("dnf", "install kpatch-patch");
        }
        """;

    private const string Compliant = """
        namespace Probe;

        public static class Launcher
        {
            public static string Describe() => "the facade installs patches";
        }
        """;

    private readonly List<string> _directories = [];

    public void Dispose()
    {
        foreach (var directory in _directories)
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_project_under_plugins_fails_to_build_on_a_kps_error()
    {
        var project = NewDirectory(RepositoryPaths.Combine("plugins", $".probe-{Guid.NewGuid():N}"));
        File.WriteAllText(Path.Combine(project, "Probe.csproj"), """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Library</OutputType></PropertyGroup></Project>""");
        File.WriteAllText(Path.Combine(project, "Launcher.cs"), Violation);

        var build = await BuildAsync(project);

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains($"{Path.Combine(project, "Launcher.cs")}(5,37): error KPS1001: Do not start 'dnf' yourself", build.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_with_the_analyzer_package_fails_on_a_kps_error_and_builds_when_compliant()
    {
        var feed = NewDirectory(Path.Combine(Path.GetTempPath(), $"kps-analyzer-feed-{Guid.NewGuid():N}"));
        File.Copy(Package(), Path.Combine(feed, Path.GetFileName(Package())));
        var violating = ExternalProject(feed, Violation);
        var compliant = ExternalProject(feed, Compliant);

        var refused = await BuildAsync(violating);
        var built = await BuildAsync(compliant);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("Launcher.cs(5,37): error KPS1001: Do not start 'dnf' yourself", refused.StandardOutput, StringComparison.Ordinal);
        Assert.True(built.ExitCode == 0, built.StandardOutput + built.StandardError);
        Assert.True(File.Exists(Path.Combine(compliant, "bin", "Release", "net10.0", "Probe.dll")));
    }

    /// <summary>A project outside the repository (none of its props apply) that takes the rules from the package only.</summary>
    private string ExternalProject(string feed, string source)
    {
        var project = NewDirectory(Path.Combine(Path.GetTempPath(), $"kps-analyzer-probe-{Guid.NewGuid():N}"));
        File.WriteAllText(Path.Combine(project, "Probe.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="KpatchScript.Analyzers" Version="{KpatchFacade.ToolVersion}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "NuGet.Config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(project, "packages")}" /></config>
              <packageSources><clear /><add key="local" value="{feed}" /></packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(project, "Launcher.cs"), source);
        return project;
    }

    private string NewDirectory(string path)
    {
        Directory.CreateDirectory(path);
        _directories.Add(path);
        return path;
    }

    private static Task<CommandResult> BuildAsync(string project) =>
        ProcessHelper.ExecuteAsync(
            ["dotnet", "build", "-c", "Release", "--nologo", "-v", "quiet", "-p:UseSharedCompilation=false"],
            project,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" },
            standardInput: null,
            TimeSpan.FromMinutes(4));

    /// <summary>The package the analyzer project packed on this build (same configuration as these tests).</summary>
    private static string Package()
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(typeof(BuildTimeTests).Assembly.Location)!)!);
        return Path.Combine(RepositoryPaths.Combine("src", "KpatchScript.Analyzers", "bin", configuration), $"KpatchScript.Analyzers.{KpatchFacade.ToolVersion}.nupkg");
    }
}
