using KpatchScript.Host;
using KpatchScript.TestFixtures;

namespace KpatchScript.Packaging.Tests;

/// <summary>
/// kpatch-script as a .NET tool, installed the way the README says: 'dotnet tool install
/// --add-source DIR kpatch-script' (into a tool path of the test's own, not the machine's
/// global tools), then run.
/// </summary>
public sealed class DotnetToolTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-tool-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_tool_installs_from_a_local_folder_and_runs_status()
    {
        var feed = Directory.CreateDirectory(Path.Combine(_directory, "feed")).FullName;
        File.Copy(BuiltPackages.Tool, Path.Combine(feed, Path.GetFileName(BuiltPackages.Tool)));
        var tools = Path.Combine(_directory, "tools");
        // Only the local folder: the test proves the package installs by itself, with nothing from a registry.
        var config = Path.Combine(_directory, "NuGet.Config");
        File.WriteAllText(config, """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /></packageSources></configuration>
            """);

        var install = await RunAsync(["dotnet", "tool", "install", "--add-source", feed, "--configfile", config, "--tool-path", tools, "kpatch-script", "--version", BuiltPackages.Version]);

        Assert.True(install.ExitCode == 0, install.StandardOutput + install.StandardError);
        var executable = Path.Combine(tools, "kpatch-script");
        Assert.True(File.Exists(executable), $"{executable} missing after: {install.StandardOutput}");
        var version = await RunAsync([executable, "--version"]);
        var status = await RunAsync([executable, "status"]);

        Assert.Equal((0, BuiltPackages.Version + "\n"), (version.ExitCode, version.StandardOutput));
        Assert.Equal((0, ""), (status.ExitCode, status.StandardError));
        Assert.Contains("Running kernel           " + ProcessHelper.Run("uname", "-r").Trim(), status.StandardOutput, StringComparison.Ordinal);
    }

    private Task<CommandResult> RunAsync(IReadOnlyList<string> arguments) =>
        ProcessHelper.ExecuteAsync(
            arguments,
            _directory,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["DOTNET_NOLOGO"] = "1",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                // The tool's own state and NuGet's cache stay inside the test's folder.
                ["NUGET_PACKAGES"] = Path.Combine(_directory, "packages"),
                ["KPATCH_SCRIPT_CONFIG"] = Path.Combine(_directory, "no-config.json"),
            },
            standardInput: null,
            TimeSpan.FromMinutes(3));
}
