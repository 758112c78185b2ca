namespace KpatchScript.Benchmarks;

/// <summary>
/// A command to time, and the baseline it is compared with, measured in the same run. Gated by a
/// ratio to the baseline, or (the cold script compile, whose limit the issue sets in seconds on
/// this machine) by its own median.
/// </summary>
internal sealed record Benchmark(string Name, string[] Command, double? MaxRatio, double? MaxMilliseconds = null)
{
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
