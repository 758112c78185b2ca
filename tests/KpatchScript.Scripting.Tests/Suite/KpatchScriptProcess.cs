using System.Text.RegularExpressions;
using KpatchScript.Host;
using KpatchScript.TestFixtures;

namespace KpatchScript.Scripting.Tests.Suite;

/// <summary>
/// Runs the real <c>kpatch-script</c> process (<c>dotnet kpatch-script.dll</c>, built next to this
/// test assembly by the project reference), the way an admin's shell does: its own working
/// directory, stdin and environment. Every run of a test run shares one compile cache
/// (<c>$KPATCH_SCRIPT_CACHE</c>), never the user's.
/// </summary>
internal static partial class KpatchScriptProcess
{
    /// <summary>Far above any case (a compile takes seconds); only there so a hung script fails its test.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static readonly Lazy<string> Cache = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"kps-script-cache-{Environment.ProcessId}");
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true); // a pid reused from an earlier run: start cold
        }

        Directory.CreateDirectory(path);
        return path;
    });

    /// <summary>The CLI assembly in this test's output folder.</summary>
    public static string Dll => KpatchScriptCli.Dll;

    /// <summary>Runs <c>kpatch-script ARGUMENTS</c> in <paramref name="workingDirectory"/>.</summary>
    public static Task<CommandResult> RunAsync(IReadOnlyList<string> arguments, string workingDirectory, string? standardInput = null) =>
        KpatchScriptCli.RunAsync(arguments, EnvironmentFor(Path.Combine(workingDirectory, "config.json")), workingDirectory, standardInput, Deadline);

    /// <summary>
    /// Runs a program that starts kpatch-script itself, such as a script file whose first line is
    /// <c>#!/usr/bin/env kpatch-script</c>: <paramref name="bin"/> (see <see cref="KpatchScriptOnPath"/>)
    /// comes first on the child's PATH, so that is the kpatch-script it finds.
    /// </summary>
    public static Task<CommandResult> RunProgramAsync(IReadOnlyList<string> command, string workingDirectory, string bin, string configPath)
    {
        var environment = EnvironmentFor(configPath);
        environment["PATH"] = KpatchScriptOnPath.PathWith(bin);
        return ProcessHelper.ExecuteAsync(command, workingDirectory, environment, null, Deadline);
    }

    private static Dictionary<string, string> EnvironmentFor(string configPath) => new(StringComparer.Ordinal)
    {
        ["KPATCH_SCRIPT_CACHE"] = Cache.Value,
        ["NUGET_PACKAGES"] = Path.Combine(Cache.Value, "nuget-packages"),
        // No configuration file of the machine's may change what a run prints; the test's own may.
        ["KPATCH_SCRIPT_CONFIG"] = configPath,
        ["DOTNET_NOLOGO"] = "1",
    };

    /// <summary>
    /// Replaces <c>{fixtures}/NAME</c> with a clean copy of that sysroot fixture
    /// (<see cref="SysrootFixtures.Get"/>: the committed trees hold .gitkeep files the product must not see).
    /// </summary>
    public static string ResolveFixtures(string argument) =>
        FixturePlaceholder().Replace(argument, match => SysrootFixtures.Get(match.Groups[1].Value)).Replace("{feed}", Feed.Value, StringComparison.Ordinal);

    /// <summary>
    /// <c>{feed}</c>: a local folder feed holding the KpatchScript packages this build made, for
    /// <c>#r "nuget: KpatchScript, x"</c> cases (with <c>--source {feed}</c>), and the script packages of
    /// tests/fixtures/script-packages (<see cref="FixturePackages"/>), for <c>#load "nuget:"</c>; packages are extracted
    /// into a folder of the suite's own (NUGET_PACKAGES), never the user's.
    /// </summary>
    private static readonly Lazy<string> Feed = new(() =>
    {
        var feed = Directory.CreateDirectory(Path.Combine(Cache.Value, "..", $"kps-script-feed-{Environment.ProcessId}")).FullName;
        foreach (var package in Running.PackageScriptTests.BuiltPackages())
        {
            File.Copy(package, Path.Combine(feed, Path.GetFileName(package)), overwrite: true);
        }

        FixturePackages.WriteInto(feed);
        return feed;
    });

    /// <summary>
    /// The reverse of <see cref="ResolveFixtures"/> (<c>{feed}</c> too), of the case's own folder, and of the
    /// suite's cache (<c>{cache}</c>, where NUGET_PACKAGES is), so outputs compare across machines and runs.
    /// </summary>
    public static string Normalize(string text, string caseDirectory, IEnumerable<string> fixtureNames)
    {
        foreach (var name in fixtureNames)
        {
            text = text.Replace(SysrootFixtures.Get(name), "{fixtures}/" + name, StringComparison.Ordinal);
        }

        if (Feed.IsValueCreated)
        {
            text = text.Replace(Feed.Value, "{feed}", StringComparison.Ordinal);
        }

        return text.Replace(caseDirectory, "{case}", StringComparison.Ordinal).Replace(Cache.Value, "{cache}", StringComparison.Ordinal);
    }

    /// <summary>The fixture names an argument refers to.</summary>
    public static IEnumerable<string> FixturesIn(string argument) =>
        FixturePlaceholder().Matches(argument).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"\{fixtures\}/([\w.-]+)")]
    private static partial Regex FixturePlaceholder();
}
