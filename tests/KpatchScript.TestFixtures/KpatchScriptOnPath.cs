using KpatchScript.Host;

namespace KpatchScript.TestFixtures;

/// <summary>
/// A directory for a child's PATH holding <c>kpatch-script</c>: a two-line wrapper that runs the
/// CLI built next to the calling test assembly (<c>dotnet kpatch-script.dll</c>), as the RPM's
/// /usr/bin/kpatch-script would. It is what <c>#!/usr/bin/env kpatch-script</c> and the Cockpit
/// bridge find; only the child's PATH gets it, never the test run's.
/// </summary>
public static class KpatchScriptOnPath
{
    /// <summary>The CLI assembly in the calling test's output folder.</summary>
    public static string Dll => KpatchScriptCli.Dll;

    /// <summary>The real dotnet host (links resolved), so the wrapper works whatever PATH the child has.</summary>
    public static string Dotnet { get; } = FindDotnet();

    /// <summary>Writes the wrapper into <paramref name="directory"/>/bin and returns that directory; it runs <paramref name="dll"/> (by default the one next to the tests).</summary>
    public static string Create(string directory, string? dll = null)
    {
        var bin = Directory.CreateDirectory(Path.Combine(directory, "bin")).FullName;
        var wrapper = Path.Combine(bin, "kpatch-script");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec {ShellWords.Quote(Dotnet)} {ShellWords.Quote(dll ?? Dll)} \"$@\"\n");
        ProcessHelper.Run("chmod", "0755", wrapper);
        return bin;
    }

    /// <summary><paramref name="bin"/> first, then this process's PATH: the value of PATH for a child.</summary>
    public static string PathWith(string bin) => bin + ":" + (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin");

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
