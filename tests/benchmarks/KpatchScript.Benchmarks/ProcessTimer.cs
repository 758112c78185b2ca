using System.Diagnostics;
using KpatchScript.TestFixtures;

namespace KpatchScript.Benchmarks;

/// <summary>Measures the wall time of a whole process, from start to exit with its output drained.</summary>
internal static class ProcessTimer
{
    public static double Milliseconds(string[] argv)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = ProcessHelper.Execute(argv);
        stopwatch.Stop();
        if (!result.Succeeded || result.StandardOutput.Length == 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', argv)} exited {result.ExitCode}: {result.StandardError}");
        }

        return stopwatch.Elapsed.TotalMilliseconds;
    }
}
