using System.Globalization;
using KpatchScript.Benchmarks;
using KpatchScript.Testing.Fixtures;

// Usage: KpatchScript.Benchmarks --cli PUBLISHED/kpatch-script.dll --hello PUBLISHED/hello-world.dll [--runs N] [--warmup N]
// tests/benchmarks/run publishes both the same way and passes them here.
// Each benchmark alternates with the baseline run by run, so drift on a busy machine hits both alike.
var runs = int.Parse(Arg("--runs") ?? "31", CultureInfo.InvariantCulture);
var warmup = int.Parse(Arg("--warmup") ?? "3", CultureInfo.InvariantCulture);
var cli = Arg("--cli") ?? throw new ArgumentException("--cli PATH/kpatch-script.dll is required (tests/benchmarks/run passes it)");
string[] baseline = ["dotnet", Arg("--hello") ?? throw new ArgumentException("--hello PATH/hello-world.dll is required (tests/benchmarks/run passes it)")];

Benchmark[] benchmarks =
[
    new("status --json, sysroot (one enabled patch)", ["dotnet", cli, "status", "--json", "--target", "sysroot:" + SysrootFixtures.Get(SysrootFixtures.OneEnabledPatch)], MaxRatio: 2.0),
    new("status --json, sysroot with rpm database (informational)", ["dotnet", cli, "status", "--json", "--target", "sysroot:" + SysrootFixtures.Get(SysrootFixtures.Rhel9KpatchDnf)], MaxRatio: null),
    new("status --json, this machine (informational)", ["dotnet", cli, "status", "--json"], MaxRatio: null),
];

Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {runs} runs after {warmup} warm-up runs; medians");
Console.WriteLine();
var failed = false;
foreach (var benchmark in benchmarks)
{
    for (var i = 0; i < warmup; i++)
    {
        ProcessTimer.Milliseconds(baseline);
        ProcessTimer.Milliseconds(benchmark.Command);
    }

    var baseTimes = new List<double>();
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        baseTimes.Add(ProcessTimer.Milliseconds(baseline));
        times.Add(ProcessTimer.Milliseconds(benchmark.Command));
    }

    var ratio = Benchmark.Median(times) / Benchmark.Median(baseTimes);
    var verdict = benchmark.MaxRatio is { } max ? (ratio <= max ? $"ok (limit {max:0.0}x)" : $"FAILED (limit {max:0.0}x)") : "";
    failed |= benchmark.MaxRatio is { } limit && ratio > limit;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{benchmark.Name}: {Benchmark.Median(times):0.0} ms vs hello-world {Benchmark.Median(baseTimes):0.0} ms = {ratio:0.00}x {verdict}"));
}

return failed ? 1 : 0;

string? Arg(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
