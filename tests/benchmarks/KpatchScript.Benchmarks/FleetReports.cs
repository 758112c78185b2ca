using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using KpatchScript.TestFixtures;

namespace KpatchScript.Benchmarks;

/// <summary>
/// The fleet report at scale (issue 19): <c>report --fleet DIR</c> over generated host documents
/// (the <c>rhel9-covered</c> fixture's <c>status --json</c>, each under its own host name with one
/// CVE installed but not live out of fifty), to HTML, CSV and JSON. Each report runs under a
/// child of this harness (<c>--fleet-child</c>) that has no other child, so its peak RSS is the
/// report's own (<c>getrusage(RUSAGE_CHILDREN)</c>). Gated since the goals hold (2026-12-06): 10,000
/// hosts to HTML and CSV within 1.5 s and 250 MB, 100,000 to CSV and JSON within 15 s and 500 MB,
/// 10,000 hosts at most 11 times 1,000. A row over its limit is measured again, twice at most, and
/// fails only when every measurement is over (as the timed gates: a busy machine slows one run,
/// rarely three in a row); the 1,000-host rows and 10,000 to JSON are informational.
/// </summary>
internal static partial class FleetReports
{
    public static readonly int[] Sizes = [1_000, 10_000, 100_000];
    public static readonly string[] Formats = ["html", "csv", "json"];

    private const double MostTimesLinear = 11;
    private const int Attempts = 3;

    /// <summary>100,000 hosts only to CSV and JSON, as the goal has it (under 15 s and 500 MB).</summary>
    private static string[] FormatsFor(int size) => size > 10_000 ? ["csv", "json"] : Formats;

    /// <summary>The goal of a size and format (seconds, megabytes), or null for an informational row.</summary>
    private static (double Seconds, double Megabytes)? Limit(int size, string format) => (size, format) switch
    {
        (10_000, "html" or "csv") => (1.5, 250),
        (100_000, _) => (15, 500),
        _ => null,
    };

    /// <summary>The rows, one per size and format (more when a gated row is measured again), the linearity lines, and whether a goal failed.</summary>
    public static IEnumerable<(string Row, bool Failed)> Run(string harness, string cli)
    {
        var root = Directory.CreateTempSubdirectory("kps-bench-fleet-").FullName;
        try
        {
            var template = Template(cli);
            var seconds = new Dictionary<(int, string), double>();
            foreach (var size in Sizes)
            {
                var directory = Generate(template, Path.Combine(root, size.ToString(CultureInfo.InvariantCulture)), size);
                foreach (var format in FormatsFor(size))
                {
                    var limit = Limit(size, format);
                    for (var attempt = 1; attempt <= Attempts; attempt++)
                    {
                        var (elapsed, peak) = Measure(harness, cli, directory, format, Path.Combine(root, "out." + format));
                        seconds[(size, format)] = Math.Min(elapsed, seconds.GetValueOrDefault((size, format), double.MaxValue));
                        var over = limit is { } l && (elapsed > l.Seconds || peak > l.Megabytes);
                        var last = attempt == Attempts || !over;
                        var verdict = limit is not { } goal ? "(informational)"
                            : string.Create(CultureInfo.InvariantCulture, $"{(!over ? "ok" : last ? "FAILED" : "over; measuring again")} (limit {goal.Seconds:0.0#} s, {goal.Megabytes:0} MB)");
                        yield return (string.Create(CultureInfo.InvariantCulture, $"fleet report, {size:N0} hosts, {format}: {elapsed:0.00} s, peak RSS {peak:0} MB {verdict}"), over && last);
                        if (!over)
                        {
                            break;
                        }
                    }
                }

                Directory.Delete(directory, recursive: true);
            }

            foreach (var format in Formats)
            {
                // The best of each size's measurements: the ratio of the code's costs, not of a slow moment.
                var ratio = seconds[(Sizes[1], format)] / seconds[(Sizes[0], format)];
                var over = ratio > MostTimesLinear;
                yield return (string.Create(CultureInfo.InvariantCulture, $"fleet report, {format}: {Sizes[1]:N0} hosts took {ratio:0.0} times {Sizes[0]:N0} {(over ? "FAILED" : "ok")} (limit {MostTimesLinear:0}; linear would be 10)"), over);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The child: runs one report, then prints its wall time in seconds and its peak RSS in MB.</summary>
    public static int Child(string cli, string directory, string format, string output)
    {
        var clock = Stopwatch.StartNew();
        var result = ProcessHelper.Execute("dotnet", cli, "report", "--fleet", directory, "--format", format, "--out", output);
        clock.Stop();
        if (result.ExitCode != 0)
        {
            Console.Error.WriteLine($"report --fleet {directory} --format {format} exited {result.ExitCode}: {result.StandardError}");
            return 1;
        }

        var usage = new long[18];
        if (GetRusage(RusageChildren, usage) != 0)
        {
            Console.Error.WriteLine("getrusage(RUSAGE_CHILDREN) failed");
            return 1;
        }

        // struct rusage: two timevals (two longs each), then ru_maxrss in KiB.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds} {usage[4] / 1024.0}"));
        return 0;
    }

    private static (double Seconds, double PeakMegabytes) Measure(string harness, string cli, string directory, string format, string output)
    {
        var result = ProcessHelper.Execute("dotnet", harness, "--fleet-child", cli, directory, format, output);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"the fleet report child failed: {result.StandardError}");
        }

        var parts = result.StandardOutput.Trim().Split(' ');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private static JsonObject Template(string cli)
    {
        var status = ProcessHelper.Execute("dotnet", cli, "status", "--json", "--target", "sysroot:" + SysrootFixtures.Get(SysrootFixtures.Rhel9Covered));
        return JsonNode.Parse(status.StandardOutput)?.AsObject()
            ?? throw new InvalidOperationException($"status --json of {SysrootFixtures.Rhel9Covered} printed no document: {status.StandardError}");
    }

    private static string Generate(JsonObject template, string directory, int hosts)
    {
        Directory.CreateDirectory(directory);
        for (var i = 0; i < hosts; i++)
        {
            var document = template.DeepClone().AsObject();
            document["host"]!["hostname"] = $"app{i:D6}";
            document["coverage"]!["installed_not_live"] = new JsonArray($"CVE-2025-{i % 50:D4}");
            File.WriteAllText(Path.Combine(directory, $"host-{i:D6}.json"), document.ToJsonString());
        }

        return directory;
    }

    private const int RusageChildren = -1;

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, long[] usage);
}
