using System.Globalization;
using System.Text.Json;
using KpatchScript.TestFixtures;

namespace KpatchScript.Benchmarks;

/// <summary>
/// The Cockpit panel's page load to verdict (issue 21): the panel alone and inside the shell, on a
/// new session's first load (cold) and opened again in it (warm), with the ReadyToRun kpatch-script
/// the RPM ships, next to a baseline page measured in the same run (cockpit.js and one .NET
/// hello-world through the bridge, also ReadyToRun). The browser test
/// tests/KpatchScript.Cockpit.Tests/PageLoadTests does the loads (real cockpit-ws, Debian's
/// chromium with no driver attached while a page loads); this runs it with more rounds and reads
/// its figures. Gated: each panel median under <see cref="GoalMilliseconds"/>, the issue's goal, or,
/// on a machine so busy that the baseline page itself is slow, under its row's ratio to the baseline
/// of the same load (measured 2026-12-07, load average 3 to 14: 1.8-2.6x alone, 3.8-4.5x in the
/// shell warm, whose shell the baseline page does not load); a row over both is measured again,
/// twice at most, and fails only when every measurement is over.
/// </summary>
internal static class CockpitPageLoad
{
    public const double GoalMilliseconds = 1000;
    private const int Rounds = 5;
    private const int Attempts = 3;

    private static readonly (string Page, string Load, string Name, double OrRatio)[] Rows =
    [
        ("alone", "cold", "panel alone, cold (a new session's first load)", 3.5),
        ("alone", "warm", "panel alone, warm (opened again in the session)", 3.5),
        ("shell", "cold", "panel in the shell, cold (from its frame's navigation, as the issue measured)", 3.5),
        ("shell", "warm", "panel in the shell, warm (from its frame's navigation)", 6),
    ];

    public static IEnumerable<(string Row, bool Failed)> Run(string cli, string hello)
    {
        var pending = Rows.ToList();
        for (var attempt = 1; attempt <= Attempts && pending.Count > 0; attempt++)
        {
            var figures = Measure(cli, hello);
            var stillOver = new List<(string Page, string Load, string Name, double OrRatio)>();
            foreach (var row in pending)
            {
                var panel = Median(figures, row.Page, row.Load, "milliseconds");
                var baseline = Median(figures, "baseline", row.Load, "milliseconds");
                var over = panel > GoalMilliseconds && panel > row.OrRatio * baseline;
                var last = attempt == Attempts || !over;
                var verdict = !over ? "ok" : last ? "FAILED" : "over; measuring again";
                yield return (string.Create(CultureInfo.InvariantCulture,
                    $"Cockpit page load to verdict, {row.Name}: {panel:0} ms vs baseline page {baseline:0} ms = {panel / baseline:0.00}x {verdict} (limit {GoalMilliseconds:0} ms, or {row.OrRatio:0.#}x on a busy machine; {Rounds} sessions, medians{(attempt > 1 ? $"; measurement {attempt}" : "")})"),
                    over && last);
                if (over && !last)
                {
                    stillOver.Add(row);
                }
            }

            if (attempt == 1)
            {
                // The parts, once: where the time goes.
                yield return (Parts(figures), false);
            }

            pending = stillOver;
        }
    }

    private static string Parts(IReadOnlyList<JsonElement> figures)
    {
        string Part(string page, string load, string name) => Median(figures, page, load, name).ToString("0", CultureInfo.InvariantCulture);
        return "Cockpit page load, parts (informational, medians, ms from the page's navigation): " + string.Join("; ",
            from page in new[] { "alone", "shell" }
            from load in new[] { "cold", "warm" }
            select $"{page} {load}: report asked {Part(page, load, "report_asked_milliseconds")}, answered {Part(page, load, "report_answered_milliseconds")}, module running {Part(page, load, "script_milliseconds")}, verdict {Part(page, load, "milliseconds")}")
            + "; in the shell from the shell's own navigation: " + string.Join(", ", new[] { "cold", "warm" }.Select(load => $"{load} {Part("shell", load, "from_shell_milliseconds")}"))
            + "; baseline " + string.Join(", ", new[] { "cold", "warm" }.Select(load => $"{load} {Part("baseline", load, "milliseconds")}"));
    }

    /// <summary>The median of one figure (<paramref name="name"/>, a property of PageLoadFigure's JSON) over the sessions of a page and load.</summary>
    private static double Median(IReadOnlyList<JsonElement> figures, string page, string load, string name) =>
        Benchmark.Median(figures
            .Where(f => f.GetProperty("page").GetString() == page && f.GetProperty("load").GetString() == load)
            .Select(f => f.GetProperty(name).GetDouble())
            .ToList());

    /// <summary>One run of the browser test with <see cref="Rounds"/> sessions per page; its figures.</summary>
    private static List<JsonElement> Measure(string cli, string hello)
    {
        var file = Path.Combine(Path.GetTempPath(), $"kps-page-load-{Guid.NewGuid():N}.json");
        try
        {
            var project = RepositoryPaths.Combine("tests", "KpatchScript.Cockpit.Tests", "KpatchScript.Cockpit.Tests.csproj");
            var result = ProcessHelper.ExecuteAsync(
                ["dotnet", "test", project, "-c", "Release", "--no-build", "--nologo", "--filter", "FullyQualifiedName~PageLoadTests"],
                RepositoryPaths.Root,
                new Dictionary<string, string>
                {
                    ["KPS_PAGE_LOAD_ROUNDS"] = Rounds.ToString(CultureInfo.InvariantCulture),
                    ["KPS_PAGE_LOAD_CLI"] = Path.GetFullPath(cli),
                    ["KPS_PAGE_LOAD_HELLO"] = Path.GetFullPath(hello),
                    ["KPS_PAGE_LOAD_FIGURES"] = file,
                },
                null,
                TimeSpan.FromMinutes(15)).GetAwaiter().GetResult();
            if (!result.Succeeded || !File.Exists(file))
            {
                throw new InvalidOperationException($"the page-load test (tests/KpatchScript.Cockpit.Tests, PageLoadTests) failed, exit {result.ExitCode}:\n{result.StandardOutput}{result.StandardError}");
            }

            using var document = JsonDocument.Parse(File.ReadAllText(file));
            return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
        }
        finally
        {
            File.Delete(file);
        }
    }
}
