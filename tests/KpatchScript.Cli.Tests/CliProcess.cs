using System.Diagnostics;
using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests;

/// <summary>The real executable (this build's kpatch-script.dll under dotnet) in a process of its own.</summary>
internal static class CliProcess
{
    public static Process Start(IDictionary<string, string>? environment, params string[] args) => StartIn(workingDirectory: null, environment, args);

    /// <summary>The same, in <paramref name="workingDirectory"/> (null: this process's).</summary>
    public static Process StartIn(string? workingDirectory, IDictionary<string, string>? environment, params string[] args)
    {
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? "" };
        startInfo.ArgumentList.Add(KpatchScriptCli.Dll);
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        return Process.Start(startInfo)!;
    }

    public static (int ExitCode, string Out, string Error) Finish(Process process)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "kpatch-script did not finish within 2 minutes");
        return (process.ExitCode, stdout.Result, stderr);
    }

    /// <summary>Waits until a run has journaled its start in <paramref name="journal"/>, i.e. holds the lock.</summary>
    public static void WaitForStartedRecord(string journal)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(File.Exists(journal) && File.ReadAllText(journal).Contains("\"outcome\":\"started\"", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the first run never started");
            Thread.Sleep(20);
        }
    }
}
