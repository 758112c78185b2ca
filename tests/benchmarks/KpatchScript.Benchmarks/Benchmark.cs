namespace KpatchScript.Benchmarks;

/// <summary>
/// A command to time, and the baseline it is compared with, measured in the same run. Gated by a
/// ratio to the baseline, or (the cold script compile, whose limit the issue sets in seconds on
/// this machine) by its own median.
/// </summary>
internal sealed record Benchmark(string Name, string[] Command, double? MaxRatio, double? MaxMilliseconds = null)
{
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
