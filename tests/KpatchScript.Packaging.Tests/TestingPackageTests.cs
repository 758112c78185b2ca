using System.IO.Compression;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using KpatchScript.TestFixtures;

namespace KpatchScript.Packaging.Tests;

/// <summary>
/// The KpatchScript.Testing package as a plugin author gets it: the fakes, with KpatchScript.Abstractions
/// as its one dependency and none of our labs or repository fixtures (they stay in tests/KpatchScript.TestFixtures),
/// and a project outside this repository that restores it from a local folder and runs a FakeHostSystem.
/// </summary>
public sealed class TestingPackageTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-testing-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_package_holds_the_fakes_and_depends_on_Abstractions_only()
    {
        using var package = ZipFile.OpenRead(BuiltPackages.Testing);
        var nuspec = XDocument.Load(package.Entries.Single(e => e.FullName == "KpatchScript.Testing.nuspec").Open());
        var dependencies = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(d => $"{d.Attribute("id")?.Value} {d.Attribute("version")?.Value}");
        var assembly = Types(package.Entries.Single(e => e.FullName == "lib/net10.0/KpatchScript.Testing.dll"));

        Assert.Equal(new[] { $"KpatchScript.Abstractions {BuiltPackages.Version}" }, dependencies);
        Assert.Contains(package.Entries, e => e.FullName == "README.md");
        Assert.Equal(new[] { "KpatchScript.Testing.dll", "KpatchScript.Testing.xml" }, package.Entries.Where(e => e.FullName.StartsWith("lib/", StringComparison.Ordinal)).Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(
            new[]
            {
                "KpatchScript.Testing.Fakes.FakeHostSystem", "KpatchScript.Testing.Fakes.FixedTimeProvider", "KpatchScript.Testing.Fakes.ManualTimeProvider",
                "KpatchScript.Testing.Fakes.OverlayHostSystem", "KpatchScript.Testing.Fakes.SteppingTimeProvider",
            },
            assembly.Public.Order(StringComparer.Ordinal));
        // The labs and repository fixtures are ours, not a plugin author's: none of them, public or not.
        Assert.DoesNotContain(assembly.All, t => t.EndsWith(".KernelLab", StringComparison.Ordinal) || t.EndsWith(".DnfLab", StringComparison.Ordinal) || t.EndsWith(".RepositoryPaths", StringComparison.Ordinal));
        // The runtime and the contract: no other KpatchScript assembly, no third-party one.
        Assert.Equal(new[] { "KpatchScript.Abstractions" }, assembly.References.Where(r => !r.StartsWith("System.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_project_outside_the_repository_restores_it_from_a_local_folder_and_runs_a_FakeHostSystem()
    {
        var feed = Directory.CreateDirectory(Path.Combine(_directory, "feed")).FullName;
        foreach (var package in new[] { BuiltPackages.Testing, BuiltPackages.Abstractions })
        {
            File.Copy(package, Path.Combine(feed, Path.GetFileName(package)));
        }

        var project = Directory.CreateDirectory(Path.Combine(_directory, "PluginTests")).FullName;
        // Only the local folder: the package and its dependency restore by themselves, with nothing from a registry.
        File.WriteAllText(Path.Combine(project, "NuGet.Config"), """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="local" value="../feed" /></packageSources></configuration>
            """);
        // A console program stands for a plugin author's test project: the same restore and compile, without a test framework to fetch.
        File.WriteAllText(Path.Combine(project, "PluginTests.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <UseAppHost>false</UseAppHost>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="KpatchScript.Testing" Version="{BuiltPackages.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), """
            using KpatchScript.Host;
            using KpatchScript.Testing.Fakes;

            var host = new FakeHostSystem("plugin-test")
                .WithFile("/proc/sys/kernel/osrelease", "5.14.0-284.11.1.el9_2.x86_64\n")
                .WithCommand("kpatch", 0, "Loaded patch modules:\n");
            IHostSystem target = host;
            var result = target.Run(CommandSpec.Query("kpatch", "list"));
            var clock = new ManualTimeProvider();
            clock.Advance(TimeSpan.FromMinutes(5));
            Console.WriteLine(target.ReadFile("/proc/sys/kernel/osrelease").Trim());
            Console.WriteLine($"{string.Join(' ', host.Commands.Single().Arguments)}: {result.ExitCode}");
            Console.WriteLine(clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            """);

        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            // NuGet's cache stays inside the test's folder: the packages come from the feed, not from an earlier restore.
            ["NUGET_PACKAGES"] = Path.Combine(_directory, "packages"),
        };
        var output = Path.Combine(_directory, "out");

        // No build server: nothing of the test's (a compiler server, an MSBuild node) outlives it.
        var build = await ProcessHelper.ExecuteAsync(["dotnet", "build", project, "-o", output, "--nologo", "-v", "quiet", "--disable-build-servers"], project, environment, standardInput: null, TimeSpan.FromMinutes(3));
        Assert.True(build.ExitCode == 0, build.StandardOutput + build.StandardError);
        var run = await ProcessHelper.ExecuteAsync(["dotnet", Path.Combine(output, "PluginTests.dll")], project, environment, standardInput: null, TimeSpan.FromMinutes(1));

        Assert.Equal((0, "5.14.0-284.11.1.el9_2.x86_64\nkpatch list: 0\n2026-01-15T12:05:00.0000000+00:00\n", ""), (run.ExitCode, run.StandardOutput, run.StandardError));
        Assert.True(File.Exists(Path.Combine(_directory, "packages", "kpatchscript.testing", BuiltPackages.Version, "kpatchscript.testing.nuspec")), "not restored into the test's own package folder");
    }

    /// <summary>The full names of the types an assembly in the package defines (all, and the public ones) and the names of the assemblies it references, read from its metadata: nothing is loaded.</summary>
    private static (List<string> All, List<string> Public, List<string> References) Types(ZipArchiveEntry entry)
    {
        using var bytes = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(bytes);
        }

        bytes.Position = 0;
        using var pe = new PEReader(bytes);
        var metadata = pe.GetMetadataReader();
        var types = metadata.TypeDefinitions.Select(metadata.GetTypeDefinition).ToList();
        string Name(TypeDefinition type) => metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name);
        return (
            [.. types.Select(Name)],
            [.. types.Where(t => (t.Attributes & TypeAttributes.VisibilityMask) == TypeAttributes.Public).Select(Name)],
            [.. metadata.AssemblyReferences.Select(r => metadata.GetString(metadata.GetAssemblyReference(r).Name))]);
    }
}
