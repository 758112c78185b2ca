using KpatchScript.Host;
using KpatchScript.Scripting.Tests.NuGet;
using KpatchScript.TestFixtures;

namespace KpatchScript.Scripting.Tests.Publishing;

/// <summary>
/// <c>publish</c> then <c>exec</c> through the real process: the published DLL runs as <c>run</c>
/// runs its script (output, Args, exit code, target, dry-run), with its packages beside it and
/// without Roslyn; what publish did not write, or wrote otherwise, is refused in one line.
/// </summary>
public sealed class PublishExecTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-publish-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Task<CommandResult> RunAsync(params string[] arguments) => RunTracedAsync(null, arguments);

    /// <param name="trace">Where the process lists the assemblies it loaded (KPATCH_SCRIPT_TRACE_ASSEMBLIES); null for nowhere.</param>
    /// <param name="arguments">kpatch-script's.</param>
    private Task<CommandResult> RunTracedAsync(string? trace, params string[] arguments)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["KPATCH_SCRIPT_CACHE"] = Path.Combine(_directory, "cache"),
            ["KPATCH_SCRIPT_CONFIG"] = Path.Combine(_directory, "config.json"),
            ["NUGET_PACKAGES"] = Path.Combine(_directory, "packages"),
            ["XDG_DATA_HOME"] = Path.Combine(_directory, "data"),
        };
        if (trace is not null)
        {
            environment["KPATCH_SCRIPT_TRACE_ASSEMBLIES"] = trace;
        }

        return KpatchScriptCli.RunAsync(arguments, environment, _directory, timeout: TimeSpan.FromSeconds(120));
    }

    private string Script(string name, string code)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, code);
        return path;
    }

    [Fact]
    public async Task A_published_script_runs_under_exec_as_run_runs_it_and_without_roslyn()
    {
        Script("lib.csx", "var FromLib = \"loaded\";\n");
        Script("tool.csx", """
            #load "lib.csx"
            using KpatchScript;
            var status = await Kpatch.Connect().DetectAsync(Kpatch.Cancellation);
            Console.WriteLine($"{FromLib} {string.Join("|", Args)} dry-run={Kpatch.DryRun}");
            Console.WriteLine(status.Kernel.Running.GetValueOrDefault("unknown"));
            return 40 + Args.Count;
            """);
        var target = "sysroot:" + SysrootFixtures.Get(SysrootFixtures.OneEnabledPatch);
        var trace = Path.Combine(_directory, "exec-assemblies.txt");

        var published = await RunAsync("publish", "tool.csx");
        var exec = await RunTracedAsync(trace, "exec", "publish/tool/tool.dll", "--dry-run", "--target", target, "a", "--", "--b", "c");
        var run = await RunAsync("run", "tool.csx", "--dry-run", "--target", target, "a", "--", "--b", "c");

        Assert.Equal((0, ""), (published.ExitCode, published.StandardError));
        var dll = Path.Combine(_directory, "publish", "tool", "tool.dll");
        Assert.Equal($"published {_directory}/tool.csx to {dll} (0 assemblies beside it); run it with: kpatch-script exec {dll}\n", published.StandardOutput);
        Assert.Equal(["tool.dll", "tool.kpatch-script.json"], Directory.GetFiles(Path.GetDirectoryName(dll)!).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal((43, "loaded a|--b|c dry-run=True\n5.14.0-284.11.1.el9_2.x86_64\n", ""), (exec.ExitCode, exec.StandardOutput, exec.StandardError));
        Assert.Equal((run.ExitCode, run.StandardOutput, run.StandardError), (exec.ExitCode, exec.StandardOutput, exec.StandardError));
        var loaded = File.ReadAllLines(trace);
        Assert.Contains("KpatchScript.Scripting", loaded);
        Assert.DoesNotContain(loaded, a => a.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) || a.StartsWith("NuGet.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_package_the_script_references_is_copied_beside_it_and_exec_needs_no_feed()
    {
        var feed = Path.Combine(_directory, "feed");
        TestPackage.Write(feed, "Kps.Publish.Lib", "1.2.3");
        Script("pkg.csx", """
            #r "nuget: Kps.Publish.Lib, 1.2.3"
            Console.WriteLine($"package {Kps.Publish.Lib.Marker.Version}");
            """);
        var output = Path.Combine(_directory, "out");

        var published = await RunAsync("publish", "pkg.csx", "-o", output, "--source", feed);
        Directory.Delete(feed, recursive: true);
        Directory.Delete(Path.Combine(_directory, "packages"), recursive: true);
        var exec = await RunAsync("exec", Path.Combine(output, "pkg.dll"));

        Assert.Equal((0, ""), (published.ExitCode, published.StandardError));
        Assert.Contains("(1 assembly beside it)", published.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(["Kps.Publish.Lib.dll", "pkg.dll", "pkg.kpatch-script.json"], Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal((0, "package 1.2.3\n", ""), (exec.ExitCode, exec.StandardOutput, exec.StandardError));
    }

    [Fact]
    public async Task A_script_the_rules_refuse_is_not_published()
    {
        Script("bad.csx", "System.Diagnostics.Process.Start(\"dnf\", \"install kpatch-patch\");\n");

        var published = await RunAsync("publish", "bad.csx");

        Assert.Equal((1, ""), (published.ExitCode, published.StandardOutput));
        Assert.Matches(@"^\S+/bad\.csx\(1,1\): error KPS1001: [^\n]+\n$", published.StandardError);
        Assert.False(Directory.Exists(Path.Combine(_directory, "publish")), "nothing is written");
    }

    [Fact]
    public async Task A_dll_publish_did_not_write_is_refused_in_one_line()
    {
        var foreign = Path.Combine(_directory, "foreign.dll");
        File.Copy(typeof(PublishExecTests).Assembly.Location, foreign);

        var exec = await RunAsync("exec", foreign);

        Assert.Equal((1, ""), (exec.ExitCode, exec.StandardOutput));
        Assert.Equal($"{foreign}: error: not a script published by kpatch-script (no foreign.kpatch-script.json beside it): make one with 'kpatch-script publish FILE.csx'\n", exec.StandardError);
    }

    [Fact]
    public async Task A_dll_changed_since_publish_or_published_by_another_version_is_refused_in_one_line()
    {
        Script("one.csx", "Console.WriteLine(1);\n");
        Script("two.csx", "Console.WriteLine(2);\n");
        Assert.Equal(0, (await RunAsync("publish", "one.csx", "-o", "out")).ExitCode);
        Assert.Equal(0, (await RunAsync("publish", "two.csx", "-o", "other")).ExitCode);
        var dll = Path.Combine(_directory, "out", "one.dll");
        var manifest = Path.Combine(_directory, "out", "one.kpatch-script.json");
        var published = File.ReadAllText(manifest);

        File.Copy(Path.Combine(_directory, "other", "two.dll"), dll, overwrite: true);
        var replaced = await RunAsync("exec", dll);
        Assert.Equal(0, (await RunAsync("publish", "one.csx", "-o", "out")).ExitCode);
        File.WriteAllText(manifest, published.Replace($"\"version\": \"{KpatchFacade.ToolVersion}\"", "\"version\": \"0.0.1\"", StringComparison.Ordinal));
        var older = await RunAsync("exec", dll);

        Assert.Equal((1, "", $"{dll}: error: not the assembly its manifest one.kpatch-script.json describes (changed or replaced since it was published): publish {_directory}/one.csx again\n"), (replaced.ExitCode, replaced.StandardOutput, replaced.StandardError));
        Assert.Equal((1, ""), (older.ExitCode, older.StandardOutput));
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(dll)}: error: published by kpatch-script 0\.0\.1 \(build \w+\); this kpatch-script {System.Text.RegularExpressions.Regex.Escape(KpatchFacade.ToolVersion)} \(build \w+\) has another facade and cannot run it: publish \S+/one\.csx again with this version\n$", older.StandardError);
    }
}
