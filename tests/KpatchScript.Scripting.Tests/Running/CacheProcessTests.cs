using KpatchScript.Host;
using KpatchScript.TestFixtures;

namespace KpatchScript.Scripting.Tests.Running;

/// <summary>The compile cache as the real process uses it: what a hit loads, runs at once, --no-cache.</summary>
public sealed class CacheProcessTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-cacheproc-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Cache => Path.Combine(_directory, "cache");

    /// <summary>Absent unless a test writes it.</summary>
    private string ConfigPath => Path.Combine(_directory, "config.json");

    private Task<CommandResult> RunAsync(string script, string? trace = null, params string[] options)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["KPATCH_SCRIPT_CACHE"] = Cache,
            ["KPATCH_SCRIPT_CONFIG"] = ConfigPath,
            // NuGet's global packages folder of this test only: never the user's ~/.nuget/packages.
            ["NUGET_PACKAGES"] = Path.Combine(_directory, "packages"),
            // No plugins of the user's: the user plugin directory is $XDG_DATA_HOME/kpatch-script/plugins.
            ["XDG_DATA_HOME"] = Path.Combine(_directory, "data"),
        };
        if (trace is not null)
        {
            environment["KPATCH_SCRIPT_TRACE_ASSEMBLIES"] = trace;
        }

        return KpatchScriptCli.RunAsync(["run", script, .. options], environment, _directory, timeout: TimeSpan.FromSeconds(60));
    }

    private string Script(string name, string code)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, code);
        return path;
    }

    [Fact]
    public async Task Dotnet_scripts_cache_location_is_the_root_of_ours_when_ours_is_not_set()
    {
        var script = Script("hello.csx", "Console.WriteLine(\"hello\");\n");
        var hit = Path.Combine(_directory, "hit.txt");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["KPATCH_SCRIPT_CACHE"] = "",
            // Relative, as dotnet-script takes it: from the working directory.
            ["DOTNET_SCRIPT_CACHE_LOCATION"] = "dotnet-script-cache",
            ["KPATCH_SCRIPT_CONFIG"] = ConfigPath,
            ["NUGET_PACKAGES"] = Path.Combine(_directory, "packages"),
            ["XDG_DATA_HOME"] = Path.Combine(_directory, "data"),
            ["XDG_CACHE_HOME"] = Path.Combine(_directory, "xdg-cache"),
        };

        var first = await KpatchScriptCli.RunAsync(["run", script], environment, _directory, timeout: TimeSpan.FromSeconds(60));
        environment["KPATCH_SCRIPT_TRACE_ASSEMBLIES"] = hit;
        var second = await KpatchScriptCli.RunAsync(["run", script], environment, _directory, timeout: TimeSpan.FromSeconds(60));

        Assert.Equal((0, "hello\n", 0, "hello\n"), (first.ExitCode, first.StandardOutput, second.ExitCode, second.StandardOutput));
        var entry = Assert.Single(Directory.GetDirectories(Path.Combine(_directory, "dotnet-script-cache", "kpatch-script", "scripts")));
        Assert.True(File.Exists(Path.Combine(entry, "script.dll")), entry);
        Assert.False(Directory.Exists(Path.Combine(_directory, "xdg-cache")));
        // The second run is a hit from there: no compiler.
        Assert.DoesNotContain(File.ReadAllLines(hit), a => a.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cache_hit_loads_neither_roslyn_nor_nuget_nor_the_plugin_host()
    {
        var script = Script("hello.csx", "#load \"lib.csx\"\nConsole.WriteLine(Greeting);\n");
        Script("lib.csx", "var Greeting = \"hello\";\n");
        var cold = Path.Combine(_directory, "cold.txt");
        var hit = Path.Combine(_directory, "hit.txt");

        var first = await RunAsync(script, cold);
        var second = await RunAsync(script, hit);

        Assert.Equal((0, "hello\n", 0, "hello\n"), (first.ExitCode, first.StandardOutput, second.ExitCode, second.StandardOutput));
        Assert.Contains(File.ReadAllLines(cold), a => a.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)); // the trace sees Roslyn when it is there
        Assert.DoesNotContain(File.ReadAllLines(hit), a => a.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) || a.StartsWith("NuGet.", StringComparison.Ordinal));
        // Reports are pre-referenced for scripts, but a script that does not use them loads neither them nor Scriban.
        Assert.DoesNotContain(File.ReadAllLines(hit), a => a is "KpatchScript.Reporting" or "Scriban.Signed" or "Scriban");
        // No plugin directory exists here: the plugin host and McMaster.NETCore.Plugins stay out of the run.
        Assert.DoesNotContain(File.ReadAllLines(hit), a => a is "KpatchScript.PluginHost" or "McMaster.NETCore.Plugins");
    }

    [Fact]
    public async Task A_cached_run_with_a_plugin_runs_the_plugin_api_and_a_changed_plugin_compiles_again()
    {
        using var plugins = new TestPlugins("GoodPlugin");
        var script = Script("plugin.csx", "using TestPlugins.Good;\nConsole.WriteLine(Greeter.Greet(\"cache\"));\n");
        var hit = Path.Combine(_directory, "hit.txt");

        var first = await RunAsync(script, null, "--plugins", plugins.Directory);
        var second = await RunAsync(script, hit, "--plugins", plugins.Directory);
        plugins.Replace("GoodPlugin", "plugins-v2");
        var third = await RunAsync(script, null, "--plugins", plugins.Directory);

        Assert.Equal((0, "hello cache from good v1\n", ""), (first.ExitCode, first.StandardOutput, first.StandardError));
        Assert.Equal((0, "hello cache from good v1\n"), (second.ExitCode, second.StandardOutput));
        Assert.DoesNotContain(File.ReadAllLines(hit), a => a.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.Contains("McMaster.NETCore.Plugins", File.ReadAllLines(hit));
        Assert.Equal((0, "hello cache from good v2\n"), (third.ExitCode, third.StandardOutput));
        Assert.Equal(2, Directory.GetDirectories(Cache).Length);
    }

    [Fact]
    public async Task A_package_from_a_source_option_resolves_then_a_hit_loads_no_nuget()
    {
        var feed = Directory.CreateDirectory(Path.Combine(_directory, "feed")).FullName;
        foreach (var package in PackageScriptTests.BuiltPackages())
        {
            File.Copy(package, Path.Combine(feed, Path.GetFileName(package)));
        }

        var script = Script("package.csx", $"#r \"nuget: KpatchScript, {KpatchFacade.ToolVersion}\"\nusing KpatchScript;\nConsole.WriteLine(Kpatch.DryRun);\n");
        var hit = Path.Combine(_directory, "hit.txt");

        var first = await RunAsync(script, null, "--source", feed);
        var second = await RunAsync(script, hit, "--source", feed);

        Assert.Equal((0, "False\n", ""), (first.ExitCode, first.StandardOutput, first.StandardError));
        Assert.Equal((0, "False\n"), (second.ExitCode, second.StandardOutput));
        Assert.DoesNotContain(File.ReadAllLines(hit), a => a.StartsWith("NuGet.", StringComparison.Ordinal) || a.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_changed_loaded_file_is_compiled_again()
    {
        var script = Script("main.csx", "#load \"lib.csx\"\nConsole.WriteLine(Value);\n");
        Script("lib.csx", "var Value = 1;\n");
        Assert.Equal("1\n", (await RunAsync(script)).StandardOutput);

        Script("lib.csx", "var Value = 2;\n");

        Assert.Equal("2\n", (await RunAsync(script)).StandardOutput);
        Assert.Equal(2, Directory.GetDirectories(Cache).Length);
    }

    [Fact]
    public async Task A_changed_rule_configuration_checks_a_cached_script_again()
    {
        var script = Script("blocking.csx", "Task.Delay(1).Wait();\nConsole.WriteLine(\"ran\");\n");
        var warned = await RunAsync(script);
        var cached = await RunAsync(script);
        File.WriteAllText(ConfigPath, """{"rule_severities": {"KPS1005": "error"}}""");

        var refused = await RunAsync(script);

        Assert.Equal((0, "ran\n", $"{script}(1,1): warning KPS1005: Do not block with '.Wait()': await the task instead\n"), (warned.ExitCode, warned.StandardOutput, warned.StandardError));
        Assert.Equal((0, "ran\n", ""), (cached.ExitCode, cached.StandardOutput, cached.StandardError));
        Assert.Equal((1, "", $"{script}(1,1): error KPS1005: Do not block with '.Wait()': await the task instead\n"), (refused.ExitCode, refused.StandardOutput, refused.StandardError));

        File.WriteAllText(ConfigPath, """{"rule_severities": {"KPS1005": "none"}}""");

        Assert.Equal((0, "ran\n", ""), ((await RunAsync(script)).ExitCode, (await RunAsync(script)).StandardOutput, (await RunAsync(script)).StandardError));
        Assert.Equal(2, Directory.GetDirectories(Cache).Length); // default rules and KPS1005 off; the refused compile stored nothing
    }

    [Fact]
    public async Task Two_runs_of_the_same_script_at_once_both_succeed()
    {
        var script = Script("both.csx", "await Task.Delay(100);\nConsole.WriteLine(\"done\");\nreturn 5;\n");

        var runs = await Task.WhenAll(RunAsync(script), RunAsync(script));

        Assert.All(runs, r => Assert.Equal((5, "done\n", ""), (r.ExitCode, r.StandardOutput, r.StandardError)));
        Assert.Single(Directory.GetDirectories(Cache)); // one entry, no staging directory left behind
        Assert.Empty(Directory.GetDirectories(Cache, ".*"));
    }

    [Fact]
    public async Task No_cache_compiles_and_stores_nothing()
    {
        var script = Script("nocache.csx", "Console.WriteLine(1);\n");

        var run = await RunAsync(script, null, "--no-cache");

        Assert.Equal((0, "1\n"), (run.ExitCode, run.StandardOutput));
        Assert.False(Directory.Exists(Cache) && Directory.EnumerateFileSystemEntries(Cache).Any());
    }
}
