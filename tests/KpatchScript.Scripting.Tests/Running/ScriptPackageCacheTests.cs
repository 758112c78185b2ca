using KpatchScript.Host;
using KpatchScript.Scripting.Tests.Suite;
using KpatchScript.TestFixtures;

namespace KpatchScript.Scripting.Tests.Running;

/// <summary>
/// A script that <c>#load</c>s a script package, through the real process and its compile cache: the
/// package version is part of the cache key, so a new version compiles again and the old one still hits.
/// </summary>
public sealed class ScriptPackageCacheTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-scriptpkg-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Changing_the_package_version_compiles_again_and_each_version_has_its_entry()
    {
        var feed = Directory.CreateDirectory(Path.Combine(_directory, "feed")).FullName;
        FixturePackages.WriteInto(feed);
        File.WriteAllText(Path.Combine(_directory, "NuGet.Config"), $"""
            <configuration>
              <packageSources><clear /><add key="fixtures" value="{feed}" /></packageSources>
            </configuration>
            """);
        var script = Path.Combine(_directory, "greet.csx");
        var cache = Path.Combine(_directory, "cache");

        var runs = new List<(string Output, int Entries)>();
        foreach (var version in new[] { "1.0.0", "2.0.0", "1.0.0" })
        {
            File.WriteAllText(script, $"#load \"nuget: Kps.Scripts.Greeting, {version}\"\nConsole.WriteLine(Greet(\"cache\"));\n");
            var result = await RunAsync(script, cache);
            Assert.True(result.ExitCode == 0, result.StandardError);
            runs.Add((result.StandardOutput, Directory.GetDirectories(cache).Length));
        }

        Assert.Equal(
            [("[ hello, CACHE (greeting 1.0.0) ]\n", 1), ("[ hello, CACHE (greeting 2.0.0) ]\n", 2), ("[ hello, CACHE (greeting 1.0.0) ]\n", 2)],
            runs);
    }

    private Task<CommandResult> RunAsync(string script, string cache) =>
        KpatchScriptCli.RunAsync(
            ["run", script],
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["KPATCH_SCRIPT_CACHE"] = cache,
                ["KPATCH_SCRIPT_CONFIG"] = Path.Combine(_directory, "config.json"),
                ["NUGET_PACKAGES"] = Path.Combine(_directory, "packages"),
                ["XDG_DATA_HOME"] = Path.Combine(_directory, "data"),
            },
            _directory,
            timeout: TimeSpan.FromSeconds(60));
}
