using KpatchScript.Testing.Fixtures;

namespace KpatchScript.Cockpit.Tests;

/// <summary>
/// A directory for the bridge's PATH holding <c>kpatch-script</c>: a two-line wrapper that runs the
/// CLI built with these tests (<c>dotnet kpatch-script.dll</c>), as the RPM's /usr/bin/kpatch-script would.
/// </summary>
internal static class CliOnPath
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "kpatch-script.dll");

    public static string Dotnet { get; } = FindDotnet();

    /// <summary>Writes the wrapper into <paramref name="directory"/>/bin and returns that directory.</summary>
    public static string Create(string directory)
    {
        var bin = Directory.CreateDirectory(Path.Combine(directory, "bin")).FullName;
        var wrapper = Path.Combine(bin, "kpatch-script");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec {Quote(Dotnet)} {Quote(Dll)} \"$@\"\n");
        ProcessHelper.Run("chmod", "0755", wrapper);
        return bin;
    }

    /// <summary>Runs the same CLI directly with <paramref name="config"/>, for what the panel must agree with.</summary>
    public static string Run(string config, params string[] arguments)
    {
        var result = ProcessHelper.ExecuteAsync([Dotnet, Dll, .. arguments], AppContext.BaseDirectory,
            new Dictionary<string, string> { ["KPATCH_SCRIPT_CONFIG"] = config, ["HOME"] = "/root" }, null, TimeSpan.FromMinutes(2)).GetAwaiter().GetResult();
        return result.ExitCode is 0 or 1 or 2 or 3 && result.StandardOutput.Length > 0
            ? result.StandardOutput
            : throw new InvalidOperationException($"kpatch-script {string.Join(' ', arguments)} exited {result.ExitCode}: {result.StandardError}");
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string FindDotnet()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, "dotnet");
            if (File.Exists(candidate))
            {
                return new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate;
            }
        }

        return Environment.ProcessPath is { } self && Path.GetFileName(self) == "dotnet" ? self : throw new InvalidOperationException("dotnet is not on PATH");
    }
}
