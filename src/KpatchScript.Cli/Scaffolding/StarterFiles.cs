using System.Text;
using System.Text.Json.Nodes;
using KpatchScript.Serialization;

namespace KpatchScript.Cli.Scaffolding;

/// <summary>
/// The files <c>new</c> and <c>init</c> write: a script to start from, and for <c>init</c> the editor
/// files dotnet-script's <c>init</c> writes (<c>omnisharp.json</c>, <c>.vscode/launch.json</c>). Each
/// is written only when it does not exist (a file is created, never replaced), UTF-8 without BOM, LF.
/// </summary>
internal static class StarterFiles
{
    /// <summary>The script's full path: NAME.csx, .csx added unless NAME ends with it.</summary>
    public static string ScriptPath(string name) => Path.GetFullPath(name.EndsWith(".csx", StringComparison.Ordinal) ? name : name + ".csx");

    /// <summary>A workflow script: detect, then the verdict as the exit code.</summary>
    public static string Script(string fileName) => $$"""
        #!/usr/bin/env kpatch-script
        // {{Path.GetFileNameWithoutExtension(fileName)}}: a KpatchScript workflow. Try it with: ./{{fileName}} --dry-run (kpatch-script's options; the script's own go after "--")
        using KpatchScript;

        var kp = Kpatch.Connect();
        var status = await kp.DetectAsync(Kpatch.Cancellation);
        Console.WriteLine($"{status.Target}: kernel {status.Kernel.Running.GetValueOrDefault("unknown")}, {status.Livepatch.Patches.GetValueOrDefault([])!.Count} live patch(es)");

        // The one verdict every surface shows: covered, action needed or not covered, with its reasons.
        var verdict = (await kp.VerifyAsync(Kpatch.Cancellation)).Verdict;
        Console.WriteLine(verdict.Summary);
        return verdict.State == KpatchScript.Verdicts.VerdictState.NotCovered ? 2 : 0;

        """;

    /// <summary>OmniSharp's settings as dotnet-script's <c>init</c> writes them: <c>#r "nuget:"</c> resolved, this tool's framework.</summary>
    public static string OmniSharp() => new JsonObject
    {
        ["script"] = new JsonObject { ["enableScriptNuGetReferences"] = true, ["defaultTargetFramework"] = "net10.0" },
    }.ToJsonString(JsonConvention.Indented) + "\n";

    /// <summary>A VS Code launch configuration that runs the open script under this kpatch-script (as installed: the apphost, or dotnet with its DLL).</summary>
    public static string Launch()
    {
        var process = Environment.ProcessPath ?? "kpatch-script";
        var underDotnet = Path.GetFileName(process) == "dotnet";
        var args = new JsonArray();
        if (underDotnet)
        {
            args.Add(Path.Combine(AppContext.BaseDirectory, "kpatch-script.dll"));
        }

        args.Add("${file}");
        return new JsonObject
        {
            ["version"] = "0.2.0",
            ["configurations"] = new JsonArray(new JsonObject
            {
                ["name"] = "kpatch-script: run the open script",
                ["type"] = "coreclr",
                ["request"] = "launch",
                ["program"] = process,
                ["args"] = args,
                ["cwd"] = "${workspaceFolder}",
                ["stopAtEntry"] = false,
            }),
        }.ToJsonString(JsonConvention.Indented) + "\n";
    }

    /// <summary>Writes <paramref name="text"/> to a new file; false when the file exists (it is left as it is).</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be written.</exception>
    public static bool TryCreate(string path, string text, bool executable = false)
    {
        try
        {
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text.ReplaceLineEndings("\n")));
            }
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }

        if (executable && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return true;
    }
}
