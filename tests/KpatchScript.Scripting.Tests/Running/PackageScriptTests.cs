using KpatchScript.Scripting.Directives;
using KpatchScript.Scripting.Running;
using KpatchScript.TestFixtures;

namespace KpatchScript.Scripting.Tests.Running;

/// <summary>
/// A script written for the real <c>dotnet script</c> (<c>#r "nuget: KpatchScript, 0.1.0"</c>) runs
/// under ours, the package resolved offline from a local folder feed holding the package this
/// build made; its NuGet.Config (next to the script) names the feed and a packages folder of its own.
/// </summary>
public sealed class PackageScriptTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-pkgscript-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_facade_package_line_resolves_from_a_local_feed_and_the_script_runs()
    {
        var feed = Directory.CreateDirectory(Path.Combine(_directory, "feed")).FullName;
        foreach (var package in BuiltPackages())
        {
            File.Copy(package, Path.Combine(feed, Path.GetFileName(package)));
        }

        var packages = Path.Combine(_directory, "packages");
        File.WriteAllText(Path.Combine(_directory, "NuGet.Config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{packages}" /></config>
              <packageSources><clear /><add key="local" value="{feed}" /></packageSources>
            </configuration>
            """);
        var script = Path.Combine(_directory, "facade.csx");
        File.WriteAllText(script, $$"""
            #r "nuget: KpatchScript, {{KpatchFacade.ToolVersion}}"
            using KpatchScript;
            var kp = Kpatch.Connect();
            var status = await kp.DetectAsync(Kpatch.Cancellation);
            Print($"{status.Kernel.Running.GetValueOrDefault("unknown")} {status.Livepatch.Patches.GetValueOrDefault([])!.Count}");
            """);
        using var output = new StringWriter();
        var sysroot = SysrootFixtures.Get(SysrootFixtures.LabLoaded);

        var outcome = new ScriptHost(cache: null, TextWriter.Null).Run(ScriptClosure.FromFile(script), [], new ScriptRunOptions { Out = output, Target = "sysroot:" + sysroot }, CancellationToken.None);

        Assert.Equal((ScriptEnd.Completed, 0), (outcome.End, outcome.ExitCode));
        Assert.Equal($"\"{File.ReadAllText(Path.Combine(sysroot, "proc/sys/kernel/osrelease")).Trim()} 1\"\n", output.ToString());
        Assert.True(Directory.Exists(Path.Combine(packages, "kpatchscript", KpatchFacade.ToolVersion)), "the package was extracted into the configured packages folder");
    }

    [Fact]
    public void A_package_that_is_in_no_source_is_one_error_line_at_the_directive()
    {
        var script = Path.Combine(_directory, "missing.csx");
        File.WriteAllText(script, "// needs a package\n#r \"nuget: Kps.Not.There, 1.2.3\"\nreturn 0;\n");
        var feed = Directory.CreateDirectory(Path.Combine(_directory, "empty-feed")).FullName;
        File.WriteAllText(Path.Combine(_directory, "NuGet.Config"), $"""
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(_directory, "packages")}" /></config>
              <packageSources><clear /><add key="local" value="{feed}" /></packageSources>
            </configuration>
            """);

        var ex = Assert.Throws<ScriptException>(() => new ScriptHost(cache: null, TextWriter.Null).Run(ScriptClosure.FromFile(script), [], new ScriptRunOptions { Out = TextWriter.Null }, CancellationToken.None));

        Assert.StartsWith($"{script}(2,1): error: package 'Kps.Not.There' version '1.2.3' was not found in: {feed}", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    /// <summary>
    /// KpatchScript, KpatchScript.Abstractions and KpatchScript.Reporting as this build packed them
    /// (GeneratePackageOnBuild), and Reporting's outside dependencies, Scriban.Signed and ZstdSharp.Port,
    /// from the machine's package folder (restore put them there), so a local feed serves a whole closure.
    /// </summary>
    internal static IEnumerable<string> BuiltPackages()
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(typeof(PackageScriptTests).Assembly.Location)!)!);
        var built = new[] { "KpatchScript.Core", "KpatchScript.Abstractions", "KpatchScript.Reporting" }.Select(project =>
        {
            var directory = RepositoryPaths.Combine("src", project, "bin", configuration);
            return Directory.GetFiles(directory, "KpatchScript*.nupkg").Single(f => !f.EndsWith(".symbols.nupkg", StringComparison.Ordinal));
        });
        return built.Append(RestoredPackage("Scriban.Signed")).Append(RestoredPackage("ZstdSharp.Port"));
    }

    /// <summary>The package at the version Directory.Packages.props names, from the machine's package folder.</summary>
    private static string RestoredPackage(string id)
    {
        var props = File.ReadAllText(RepositoryPaths.Combine("Directory.Packages.props"));
        var version = System.Text.RegularExpressions.Regex.Match(props, $"Include=\"{System.Text.RegularExpressions.Regex.Escape(id)}\" Version=\"([^\"]+)\"").Groups[1].Value;
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder ? folder : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var lower = id.ToLowerInvariant();
        var nupkg = Path.Combine(packages, lower, version, $"{lower}.{version}.nupkg");
        return File.Exists(nupkg) ? nupkg : throw new FileNotFoundException($"{nupkg} is missing: restore the solution first (dotnet restore KpatchScript.sln)", nupkg);
    }
}
