using System.Text.Json.Nodes;
using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests;

/// <summary><c>kpatch-script init [NAME]</c> through the real process: what <c>dotnet script init</c> writes, never replacing a file.</summary>
public sealed class InitCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-init-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Writes_a_script_omnisharp_json_and_a_launch_configuration_then_keeps_them()
    {
        var first = Init();
        File.WriteAllText(Path.Combine(_directory, "omnisharp.json"), "{\"mine\": true}\n");
        var second = Init();

        Assert.Equal((0, $"created {_directory}/main.csx\ncreated {_directory}/omnisharp.json\ncreated {_directory}/.vscode/launch.json\n", ""), first);
        Assert.Equal((0, $"kept (exists) {_directory}/main.csx\nkept (exists) {_directory}/omnisharp.json\nkept (exists) {_directory}/.vscode/launch.json\n", ""), second);
        Assert.Equal("{\"mine\": true}\n", File.ReadAllText(Path.Combine(_directory, "omnisharp.json")));
        Assert.StartsWith("#!/usr/bin/env kpatch-script\n", File.ReadAllText(Path.Combine(_directory, "main.csx")), StringComparison.Ordinal);
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(Path.Combine(_directory, "main.csx")).HasFlag(UnixFileMode.UserExecute));
        var launch = JsonNode.Parse(File.ReadAllText(Path.Combine(_directory, ".vscode", "launch.json")))!["configurations"]![0]!;
        Assert.Equal("coreclr", launch["type"]!.GetValue<string>());
        Assert.Equal([KpatchScriptCli.Dll, "${file}"], launch["args"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.EndsWith("dotnet", launch["program"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_the_named_script_and_its_omnisharp_settings()
    {
        var outcome = Init("deploy");

        Assert.Equal(0, outcome.ExitCode);
        Assert.True(File.Exists(Path.Combine(_directory, "deploy.csx")));
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(_directory, "omnisharp.json")))!["script"]!;
        Assert.True(settings["enableScriptNuGetReferences"]!.GetValue<bool>());
        Assert.Equal("net10.0", settings["defaultTargetFramework"]!.GetValue<string>());
    }

    private (int ExitCode, string Out, string Error) Init(params string[] args) => CliProcess.Finish(CliProcess.StartIn(_directory, environment: null, ["init", .. args]));
}
