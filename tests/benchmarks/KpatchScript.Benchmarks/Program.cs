using System.Globalization;
using KpatchScript.Benchmarks;
using KpatchScript.TestFixtures;

// Usage: KpatchScript.Benchmarks --cli PUBLISHED/kpatch-script.dll --hello PUBLISHED/hello-world.dll --probe PUBLISHED/command-line-probe.dll [--runs N] [--warmup N]
// tests/benchmarks/run publishes both the same way and passes them here.
// Each benchmark alternates with the baseline run by run, so drift on a busy machine hits both alike.
// With --plugin-cycles PLUGINS_BUILD it is instead the child that measures plugin load/unload cycles (PluginCycles.cs).
if (Array.IndexOf(args, "--plugin-cycles") is var cycles and >= 0)
{
    return PluginCycles.Measure(args[cycles + 1]);
}

// With --fleet-child CLI DIR FORMAT OUT it is the child that runs one fleet report (FleetReports.cs).
if (Array.IndexOf(args, "--fleet-child") is var fleet and >= 0)
{
    return FleetReports.Child(args[fleet + 1], args[fleet + 2], args[fleet + 3], args[fleet + 4]);
}

// With --vex-child CLI CONFIG TARGET it is the child that runs the first exposure over a generated VEX mirror (VexExposure.cs).
if (Array.IndexOf(args, "--vex-child") is var vex and >= 0)
{
    return VexExposure.Child(args[vex + 1], args[vex + 2], args[vex + 3]);
}

var runs = int.Parse(Arg("--runs") ?? "31", CultureInfo.InvariantCulture);
var warmup = int.Parse(Arg("--warmup") ?? "3", CultureInfo.InvariantCulture);
var cli = Arg("--cli") ?? throw new ArgumentException("--cli PATH/kpatch-script.dll is required (tests/benchmarks/run passes it)");
string[] baseline = ["dotnet", Arg("--hello") ?? throw new ArgumentException("--hello PATH/hello-world.dll is required (tests/benchmarks/run passes it)")];
var probe = Arg("--probe") ?? throw new ArgumentException("--probe PATH/command-line-probe.dll is required (tests/benchmarks/run passes it)");

// A hello script: cached runs share one cache directory (filled by the warm-up runs); the cold
// compile runs with --no-cache, so it compiles every time.
// --fleet-only: only the fleet rows (FleetReports.cs, FleetPlaybook.cs), for working on the fleet report.
// --playbook-only: only the Ansible status playbook row (FleetPlaybook.cs).
if (Array.IndexOf(args, "--playbook-only") >= 0)
{
    WritePlaybookRows();
    return 0;
}

// --page-load-only: only the Cockpit page-load rows (CockpitPageLoad.cs), for working on the panel.
if (Array.IndexOf(args, "--page-load-only") >= 0)
{
    return WritePageLoadRows() ? 1 : 0;
}

// --vex-only: only the VEX exposure rows (VexExposure.cs).
if (Array.IndexOf(args, "--vex-only") >= 0)
{
    return WriteVexRows() ? 1 : 0;
}

if (Array.IndexOf(args, "--fleet-only") >= 0)
{
    var fleetOnlyFailed = WriteFleetRows();
    WritePlaybookRows();
    return fleetOnlyFailed ? 1 : 0;
}

var scripts = Directory.CreateTempSubdirectory("kps-bench-scripts-").FullName;
var hello = Path.Combine(scripts, "hello.csx");
File.WriteAllText(hello, "Console.WriteLine(\"Hello world!\");\n");
Environment.SetEnvironmentVariable("KPATCH_SCRIPT_CACHE", Path.Combine(scripts, "cache"));

var statusReport = RepositoryPaths.Combine("scripts", "status-report.csx");
var labLoaded = "sysroot:" + SysrootFixtures.Get(SysrootFixtures.LabLoaded);

// status: 2.2x since 2026-12-05. The build before the verdict, which passed at 1.65-1.96x against a
// 33-37 ms hello-world, measured 1.92x against this machine kind's 25-27 ms one (61 alternating runs:
// 51.6 ms against 26.9 ms): its fixed costs (the first file read ~4 ms, detection ~18 ms) do not
// shrink with the baseline. Judging the verdict in status added 1.0 ms (52.6 ms, same runs).
Benchmark[] benchmarks =
[
    new("status --json, sysroot (one enabled patch)", ["dotnet", cli, "status", "--json", "--target", "sysroot:" + SysrootFixtures.Get(SysrootFixtures.OneEnabledPatch)], MaxRatio: 2.2),
    new("status --json, sysroot with rpm database (informational)", ["dotnet", cli, "status", "--json", "--target", "sysroot:" + SysrootFixtures.Get(SysrootFixtures.Rhel9KpatchDnf)], MaxRatio: null),
    new("status --json, this machine (informational)", ["dotnet", cli, "status", "--json"], MaxRatio: null),
    // After the status rows: the cold compiles load the machine, and status should not be measured right after them.
    new("run hello.csx, cached", ["dotnet", cli, "run", hello], MaxRatio: 1.5),
    new("run hello.csx --no-cache (cold compile)", ["dotnet", cli, "run", hello, "--no-cache"], MaxRatio: null, MaxMilliseconds: 2500) { OrRatio = 35 },
    // What the KPS rules add to a cold compile of a real workflow: the same command without them (baseline column).
    // Issue 6 allows 25%; measured 1.01x-1.08x alone on the machine, 1.30x while other builds ran beside it.
    // The command-line library decision (issue 18): System.CommandLine 2.0 declaring kpatch-script's 17 verbs and
    // parsing one line, against the same probe reading it by hand. Measured 2026-12-06 on the CI machine kind:
    // 36.2 ms against 27.4 ms (1.32x, +8.8 ms, 41 alternating runs), two thirds of what status may add to a
    // hello-world under its 1.5x goal; so kpatch-script keeps its hand-written reader (CommandLine/ArgumentReader).
    new("System.CommandLine 2.0, 17 verbs, vs reading by hand (informational)", ["dotnet", probe, "status", "--json", "--target", "sysroot:/x"], MaxRatio: null)
    {
        Baseline = ["dotnet", probe, "--by-hand", "status", "--json", "--target", "sysroot:/x"],
    },
    new("run scripts/status-report.csx --no-cache, analyzers vs none", ["dotnet", cli, "run", statusReport, "--no-cache", "--target", labLoaded], MaxRatio: 1.25)
    {
        Baseline = ["env", "KPATCH_SCRIPT_ANALYZERS=off", "dotnet", cli, "run", statusReport, "--no-cache", "--target", labLoaded],
        Runs = 11,
    },
];

Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {runs} runs after {warmup} warm-up runs; medians");
Console.WriteLine();
var failed = false;
// A gate fails only when two more measurements, each longer than the one before (twice, then three
// times the runs, alternating as the first), also exceed its limit: a busy machine (another build,
// a test run's leftovers) slows one series, rarely three in a row. Every measurement is printed.
const int Attempts = 3;
foreach (var benchmark in benchmarks)
{
    var measured = new List<double>();
    for (var attempt = 1; attempt <= Attempts; attempt++)
    {
        var m = Measure(benchmark, attempt);
        var over = Over(benchmark, m);
        measured.Add(m.Median / m.BaseMedian);
        var last = attempt == Attempts || !over;
        var verdict = !over ? "ok" : last ? "FAILED" : "over";
        var note = attempt > 1 ? string.Create(CultureInfo.InvariantCulture, $"; measurement {attempt}, the earlier ones {string.Join(", ", measured.GetRange(0, attempt - 1).Select(r => r.ToString("0.00", CultureInfo.InvariantCulture) + "x"))}") : "";
        var next = !last ? $"; measuring again, {attempt + 1} times as long ({(attempt + 1) * (benchmark.Runs ?? runs)} runs)" : "";
        Console.WriteLine(Row(benchmark, m, verdict) + note + next);
        failed |= over && last;
        if (!over)
        {
            break;
        }
    }
}

// The Cockpit panel's page load to verdict, gated (CockpitPageLoad.cs): before the fleet rows, which load the machine.
failed |= WritePageLoadRows();

// In a process of its own, after the timed rows: memory, not time.
var (row, cyclesFailed) = PluginCycles.Run(typeof(PluginCycles).Assembly.Location, Arg("--plugins-build") ?? RepositoryPaths.Combine("plugins", "bin", "Release"));
Console.WriteLine(row);
failed |= cyclesFailed;

// The fleet report at scale: its goals, gated (FleetReports.cs).
failed |= WriteFleetRows();

// The CVE exposure over 40,000 VEX documents: its goals, gated (VexExposure.cs).
failed |= WriteVexRows();

// The Ansible status playbook over 200 hosts: informational (FleetPlaybook.cs).
WritePlaybookRows();

Directory.Delete(scripts, recursive: true);
return failed ? 1 : 0;

bool Over(Benchmark benchmark, (double Median, double BaseMedian) m) =>
    (benchmark.MaxRatio is { } limit && m.Median / m.BaseMedian > limit)
    || (benchmark.MaxMilliseconds is { } msLimit && m.Median > msLimit && (benchmark.OrRatio is not { } orRatio || m.Median / m.BaseMedian > orRatio));

string Row(Benchmark benchmark, (double Median, double BaseMedian) m, string verdict) => string.Create(CultureInfo.InvariantCulture,
    $"{benchmark.Name}: {m.Median:0.0} ms vs {(benchmark.Baseline is null ? "hello-world" : "baseline")} {m.BaseMedian:0.0} ms = {m.Median / m.BaseMedian:0.00}x ") + benchmark switch
    {
        { MaxRatio: { } max } => string.Create(CultureInfo.InvariantCulture, $"{verdict} (limit {max:0.0#}x)"),
        { MaxMilliseconds: { } ms, OrRatio: { } orRatio } => string.Create(CultureInfo.InvariantCulture, $"{verdict} (limit {ms:0} ms, or {orRatio:0.#}x on a busy machine)"),
        { MaxMilliseconds: { } ms } => string.Create(CultureInfo.InvariantCulture, $"{verdict} (limit {ms:0} ms)"),
        _ => "",
    };

(double Median, double BaseMedian) Measure(Benchmark benchmark, int lengths)
{
    var against = benchmark.Baseline ?? baseline;
    for (var i = 0; i < warmup; i++)
    {
        ProcessTimer.Milliseconds(against);
        ProcessTimer.Milliseconds(benchmark.Command);
    }

    var baseTimes = new List<double>();
    var times = new List<double>();
    for (var i = 0; i < lengths * (benchmark.Runs ?? runs); i++)
    {
        baseTimes.Add(ProcessTimer.Milliseconds(against));
        times.Add(ProcessTimer.Milliseconds(benchmark.Command));
    }

    return (Benchmark.Median(times), Benchmark.Median(baseTimes));
}

bool WriteFleetRows()
{
    var fleetFailed = false;
    foreach (var (fleetRow, rowFailed) in FleetReports.Run(typeof(FleetReports).Assembly.Location, cli))
    {
        Console.WriteLine(fleetRow);
        fleetFailed |= rowFailed;
    }

    return fleetFailed;
}

bool WritePageLoadRows()
{
    var pageLoadFailed = false;
    foreach (var (pageLoadRow, rowFailed) in CockpitPageLoad.Run(cli, baseline[1]))
    {
        Console.WriteLine(pageLoadRow);
        pageLoadFailed |= rowFailed;
    }

    return pageLoadFailed;
}

bool WriteVexRows()
{
    var vexFailed = false;
    foreach (var (vexRow, rowFailed) in VexExposure.Run(typeof(VexExposure).Assembly.Location, cli, 11))
    {
        Console.WriteLine(vexRow);
        vexFailed |= rowFailed;
    }

    return vexFailed;
}

void WritePlaybookRows()
{
    foreach (var playbookRow in FleetPlaybook.Run(cli))
    {
        Console.WriteLine(playbookRow);
    }
}

string? Arg(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
