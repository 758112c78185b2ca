using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using KpatchScript.Alerts;
using KpatchScript.PluginHosting;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;

namespace KpatchScript.Benchmarks;

/// <summary>
/// Loads and unloads a plugin (the Prometheus plugin, with one delivery each time, so its code
/// runs and is compiled) 500 times in one process, and measures the managed heap and the working
/// set after full collections: before (after <see cref="WarmUp"/> cycles) and after the cycles,
/// and after the very first cycle, which the row also shows. Runs in a child process of its own (<c>--plugin-cycles</c>), so nothing
/// the timed benchmarks did is in its figures. Gate: growth under 10 MB.
/// </summary>
internal static class PluginCycles
{
    public const int Cycles = 500;

    /// <summary>
    /// Cycles before the "before" figures: tiered compilation recompiles the host's own loading
    /// code (optimized) during the first ~200 cycles, which grows the working set by about 17 MB
    /// once (measured: flat from 200 to 1,500 cycles but for ~0.5 MB per 100). A leak of plugin
    /// contexts grows with every cycle and shows after the warm-up all the same.
    /// </summary>
    public const int WarmUp = 200;
    public const double LimitMegabytes = 10;

    /// <summary>
    /// The child: prints, in bytes, the heap and working set after the first cycle, after the
    /// warm-up, and after the measured cycles, then the milliseconds the measured cycles took.
    /// </summary>
    public static int Measure(string pluginsBuild)
    {
        var directory = Directory.CreateTempSubdirectory("kps-bench-plugins-").FullName;
        try
        {
            var plugins = Path.Combine(directory, "plugins");
            var textfiles = Directory.CreateDirectory(Path.Combine(directory, "textfile")).FullName;
            Copy(Path.Combine(pluginsBuild, "Prometheus"), Path.Combine(plugins, "Prometheus"));
            var options = new PluginHostOptions
            {
                Directories = [plugins],
                Configuration = new Dictionary<string, string> { ["Prometheus"] = $$"""{"directory": "{{textfiles}}"}""" },
            };
            var facade = new KpatchFacade(HostSystems.Open("sysroot:" + SysrootFixtures.Get(SysrootFixtures.OneEnabledPatch)), TimeProvider.System);
            var verification = facade.Verify();
            var batch = new AlertBatch(facade.Detect(), verification, [], [], DateTimeOffset.UtcNow, verification.Verdict);

            var contexts = new List<WeakReference> { Cycle(options, batch) };
            var first = Collected(contexts);
            for (var i = 1; i < WarmUp; i++)
            {
                contexts.Add(Cycle(options, batch));
            }

            var before = Collected(contexts);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Cycles; i++)
            {
                contexts.Add(Cycle(options, batch));
            }

            clock.Stop();
            var after = Collected(contexts);
            var alive = contexts.Count(c => c.IsAlive);
            if (alive > 0)
            {
                Console.Error.WriteLine($"{alive} of {contexts.Count} plugin load contexts were not collected");
                return 1;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{first.Heap} {first.WorkingSet} {before.Heap} {before.WorkingSet} {after.Heap} {after.WorkingSet} {clock.Elapsed.TotalMilliseconds:0}"));
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The parent: runs the child and turns its figures into the row and the verdict.</summary>
    public static (string Row, bool Failed) Run(string harness, string pluginsBuild)
    {
        var result = ProcessHelper.Execute(["dotnet", harness, "--plugin-cycles", pluginsBuild]);
        if (!result.Succeeded)
        {
            return ($"{Cycles} plugin load/unload cycles: FAILED ({result.StandardError.Trim()})", true);
        }

        var f = result.StandardOutput.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => double.Parse(x, CultureInfo.InvariantCulture) / (1024 * 1024)).ToArray();
        var (heapGrowth, setGrowth) = (f[4] - f[2], f[5] - f[3]);
        var failed = heapGrowth > LimitMegabytes || setGrowth > LimitMegabytes;
        return (string.Create(CultureInfo.InvariantCulture,
            $"{Cycles} plugin load/unload cycles after {WarmUp} warm-up cycles (Prometheus, one delivery each, {f[6] * 1024 * 1024 / Cycles:0.0} ms a cycle): "
            + $"GC heap {f[2]:0.00} MB -> {f[4]:0.00} MB ({heapGrowth:+0.00;-0.00} MB), working set {f[3]:0.0} MB -> {f[5]:0.0} MB ({setGrowth:+0.0;-0.0} MB) {(failed ? "FAILED" : "ok")} (limit +{LimitMegabytes:0} MB); "
            + $"from the first cycle: GC heap {f[0]:0.00} MB, working set {f[1]:0.0} MB (the host's own code is compiled again, optimized, during the warm-up)"), failed);
    }

    // Not inlined: nothing of the cycle stays on the caller's stack to keep the plugin alive.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference Cycle(PluginHostOptions options, AlertBatch batch)
    {
        using var host = PluginHost.Load(options);
        if (host.Problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", host.Problems));
        }

        host.AlertSinks[0].DeliverAsync(batch, CancellationToken.None).GetAwaiter().GetResult();
        return new WeakReference(host.ScriptExtensions.Assemblies[0]);
    }

    /// <summary>Managed heap and working set once every unloaded context that can go has gone.</summary>
    private static (long Heap, long WorkingSet) Collected(List<WeakReference> contexts)
    {
        for (var i = 0; i < 100 && contexts.Any(c => c.IsAlive); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        // Aggressive: compacts and gives the freed memory back to the system, so the working set shows what is in use, not what the GC keeps for later.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
