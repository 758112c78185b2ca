using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace KpatchScript.PluginHosting.Processes;

/// <summary>
/// How a plugin process is started: this assembly (an executable too) run by the dotnet host of
/// the runtime running the host, <c>dotnet exec KpatchScript.PluginHost.dll --kpatch-script-plugin-process</c>,
/// with its own runtimeconfig.json and deps.json (copied next to every program that references
/// it). An argument vector; the environment and working directory are the host's.
/// </summary>
internal static class ChildCommand
{
    private static readonly Lazy<string> Dotnet = new(FindDotnet);

    /// <exception cref="InvalidOperationException">No dotnet host or no runtimeconfig.json for this assembly (the message says which).</exception>
    public static ProcessStartInfo StartInfo()
    {
        var assembly = typeof(ChildCommand).Assembly.Location;
        var runtimeConfig = Path.ChangeExtension(assembly, ".runtimeconfig.json");
        if (!File.Exists(runtimeConfig))
        {
            throw new InvalidOperationException($"{runtimeConfig} is missing: KpatchScript.PluginHost.dll cannot run as a plugin process (install kpatch-script with every file its build gives)");
        }

        var start = new ProcessStartInfo(Dotnet.Value)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[] { "exec", assembly, PluginProcessMain.Flag })
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>The dotnet host beside the shared runtime this process runs on (<c>&lt;root&gt;/shared/Microsoft.NETCore.App/&lt;version&gt;/</c>), else this process when it is dotnet.</summary>
    private static string FindDotnet()
    {
        var beside = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet"));
        if (File.Exists(beside))
        {
            return beside;
        }

        return Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? self
            : throw new InvalidOperationException($"no dotnet host at {beside} to start plugin processes with");
    }
}
