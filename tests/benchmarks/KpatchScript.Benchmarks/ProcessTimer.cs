using System.Diagnostics;

namespace KpatchScript.Benchmarks;

/// <summary>Starts a process, drains its output and measures the wall time from start to exit.</summary>
internal static class ProcessTimer
{
    public static double Milliseconds(IReadOnlyList<string> argv)
    {
        var startInfo = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in argv.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        stopwatch.Stop();
        if (process.ExitCode != 0 || stdout.Result.Length == 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', argv)} exited {process.ExitCode}: {stderr}");
        }

        return stopwatch.Elapsed.TotalMilliseconds;
    }
}
