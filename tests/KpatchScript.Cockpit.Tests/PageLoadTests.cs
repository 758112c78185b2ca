using System.Globalization;
using System.Text.Json;
using KpatchScript.Cockpit.Tests.Browser;
using KpatchScript.Host;
using KpatchScript.TestFixtures;
using Xunit.Abstractions;

namespace KpatchScript.Cockpit.Tests;

/// <summary>
/// Page load to verdict, as an admin's browser sees it: the panel alone and inside the shell, on a
/// new session's first load (cold: the bridge starts, nothing is cached) and opened again in it
/// (warm), next to a baseline page of the same session kind that runs a .NET hello-world through
/// the bridge and shows its answer. No driver is attached while a page loads (UnwatchedChromium).
/// tests/benchmarks/run runs this test with the ReadyToRun CLI and hello-world it publishes and
/// more rounds (KPS_PAGE_LOAD_*), and gates the figures (tests/benchmarks/README.md); here it
/// checks that every load reaches its answer and says the figures.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class PageLoadTests(ITestOutputHelper output)
{
    private const string ShellFrame = "cockpit1:localhost/kpatch-script";

    [Fact]
    public async Task The_verdict_shows_on_every_load_alone_and_in_the_shell_cold_and_warm_timed_next_to_a_hello_world_page()
    {
        var settings = PageLoadSettings.FromEnvironment();
        using var host = HostStates.Covered();
        var figures = new List<PageLoadFigure>();
        for (var round = 1; round <= settings.Rounds; round++)
        {
            foreach (var page in new[] { "baseline", "alone", "shell" })
            {
                foreach (var figure in await MeasureAsync(host, settings, page))
                {
                    figures.Add(figure with { Round = round });
                    output.WriteLine(figure.Describe());
                }
            }
        }

        if (settings.FiguresFile is { } file)
        {
            File.WriteAllText(file, JsonSerializer.Serialize(figures, PageLoadFigure.JsonOptions));
        }

        Directory.CreateDirectory(BrowserFixture.Screenshots);
        File.AppendAllLines(Path.Combine(BrowserFixture.Screenshots, "timings.txt"), figures.Select(f => $"{DateTime.UtcNow:O} {f.Describe()}"));
        Assert.Equal(settings.Rounds * 6, figures.Count);
        Assert.All(figures, f => Assert.True(f.Milliseconds > 0 && f.Milliseconds < 60_000, f.Describe()));
    }

    /// <summary>One new session (cockpit-ws, and a new chromium with an empty profile): <paramref name="page"/> cold, then warm.</summary>
    private static async Task<PageLoadFigure[]> MeasureAsync(HostState host, PageLoadSettings settings, string page)
    {
        // The page is done when it starts what comes after its answer: the panel lists the workflows
        // after drawing the verdict; the baseline's program has ended. Only then does the reader connect.
        var done = Path.Combine(host.Work, "page-done");
        // Before cockpit-ws starts: its bridge lists the packages once.
        InstallBaseline(host, settings.HelloDll, done);
        using var server = await PanelSession.StartServerAsync(host, cliDll: settings.CliDll);
        PanelSession.Intercept(host, "workflows", $": > {ShellWords.Quote(done)}");
        await using var chromium = await UnwatchedChromium.StartAsync();
        try
        {
            var url = server.Url(page switch
            {
                "baseline" => "/cockpit/@localhost/kps-baseline/index.html",
                "alone" => "/cockpit/@localhost/kpatch-script/index.html",
                _ => "/kpatch-script",
            });
            var cold = await LoadAsync(chromium, url, page, done, "cold");
            var warm = await LoadAsync(chromium, url, page, done, "warm");
            return [cold, warm];
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"{page}: {ex.Message}\ncockpit-ws log:\n{server.LogText}", ex);
        }
    }

    private static async Task<PageLoadFigure> LoadAsync(UnwatchedChromium chromium, string url, string page, string done, string load)
    {
        File.Delete(done);
        var tab = await chromium.OpenAsync(url);
        if (!await WaitForFileAsync(done, TimeSpan.FromSeconds(90)))
        {
            throw new TimeoutException($"waited 90 s for the {page} page ({load}) to get its answer; the tabs show:\n{await chromium.DescribeTabsAsync()}");
        }

        var read = page switch
        {
            "baseline" => await chromium.ReadAsync(url, null, "(window.kpsBaseline.shown !== undefined || window.kpsBaseline.failed) && window.kpsBaseline", TimeSpan.FromSeconds(30)),
            "alone" => await chromium.ReadAsync(url, null, PanelTimings(""), TimeSpan.FromSeconds(30)),
            _ => await chromium.ReadAsync(url, ShellFrame, PanelTimings(", shellOrigin: window.top.performance.timeOrigin"), TimeSpan.FromSeconds(30)),
        };
        await chromium.CloseAsync(tab);
        if (read.TryGetProperty("failed", out var failed))
        {
            throw new InvalidOperationException($"the baseline page's hello-world failed: {failed}");
        }

        if (page != "baseline")
        {
            Assert.Equal("Covered", read.GetProperty("label").GetString());
        }

        double Get(string name) => read.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.NaN;
        var shown = page == "baseline" ? Get("shown") : Get("verdictShown");
        // In the shell the frame's clock starts when the frame does: from the shell's own navigation, it is later by the difference of the two origins.
        var fromShell = page == "shell" ? Get("origin") + shown - Get("shellOrigin") : double.NaN;
        return new PageLoadFigure(page, load, 0, shown, fromShell, Get("script"), Get("reportAsked"), Get("reportAnswered"));
    }

    /// <summary>The panel's own timings (first-read.js, kpatch-script.js) once the verdict is on screen, with its label, the page's time origin and <paramref name="more"/>.</summary>
    private static string PanelTimings(string more) =>
        "window.kpatchScriptPanel && window.kpatchScriptPanel.timings.verdictShown !== undefined && " +
        $"Object.assign({{}}, window.kpatchScriptPanel.timings, {{ label: document.querySelector('#verdict-label').textContent, origin: performance.timeOrigin{more} }})";

    /// <summary>The baseline package next to the panel, and kps-hello (hello-world, then the done marker) next to kpatch-script.</summary>
    private static void InstallBaseline(HostState host, string helloDll, string done)
    {
        var package = Directory.CreateDirectory(Path.Combine(host.Work, "data", "cockpit", "kps-baseline")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "baseline-package")))
        {
            File.Copy(file, Path.Combine(package, Path.GetFileName(file)), overwrite: true);
        }

        var wrapper = Path.Combine(Directory.CreateDirectory(Path.Combine(host.Work, "bin")).FullName, "kps-hello");
        File.WriteAllText(wrapper, $"#!/bin/sh\n{ShellWords.Quote(KpatchScriptOnPath.Dotnet)} {ShellWords.Quote(helloDll)}\nstatus=$?\n: > {ShellWords.Quote(done)}\nexit $status\n");
        ProcessHelper.Run("chmod", "0755", wrapper);
    }

    private static async Task<bool> WaitForFileAsync(string path, TimeSpan timeout)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(path))
        {
            if (waited.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(50);
        }

        // What the page does with the answer (drawing it) ends within this; the reader's connection then disturbs nothing measured.
        await Task.Delay(300);
        return true;
    }
}

/// <summary>One page load: which page, cold or warm, the time to its answer (from the page's navigation, and for the shell from the shell's) and its parts.</summary>
internal sealed record PageLoadFigure(string Page, string Load, int Round, double Milliseconds, double FromShellMilliseconds, double ScriptMilliseconds, double ReportAskedMilliseconds, double ReportAnsweredMilliseconds)
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string Describe() => Page == "baseline"
        ? string.Create(CultureInfo.InvariantCulture, $"baseline (hello-world through the bridge), {Load}: answer shown at {Milliseconds:0} ms (script running at {ScriptMilliseconds:0} ms)")
        : string.Create(CultureInfo.InvariantCulture,
            $"panel {(Page == "shell" ? "in the shell" : "alone")}, {Load}: verdict at {Milliseconds:0} ms{(Page == "shell" ? string.Create(CultureInfo.InvariantCulture, $" of its frame, {FromShellMilliseconds:0} ms from the shell's navigation") : "")} (kpatch-script report asked at {ReportAskedMilliseconds:0} ms, answered at {ReportAnsweredMilliseconds:0} ms; the panel's module running at {ScriptMilliseconds:0} ms)");
}

/// <summary>
/// What tests/benchmarks/run sets: KPS_PAGE_LOAD_ROUNDS (sessions per page, default 1),
/// KPS_PAGE_LOAD_CLI and KPS_PAGE_LOAD_HELLO (the published ReadyToRun kpatch-script.dll and
/// hello-world.dll; default: those built with these tests), KPS_PAGE_LOAD_FIGURES (a file for the figures, JSON).
/// </summary>
internal sealed record PageLoadSettings(int Rounds, string? CliDll, string HelloDll, string? FiguresFile)
{
    public static PageLoadSettings FromEnvironment()
    {
        static string? Get(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
        var rounds = Get("KPS_PAGE_LOAD_ROUNDS") is { } text
            ? int.TryParse(text, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 50 ? n : throw new InvalidOperationException($"KPS_PAGE_LOAD_ROUNDS={text}: give a number from 1 to 50")
            : 1;
        var cli = Get("KPS_PAGE_LOAD_CLI");
        var hello = Get("KPS_PAGE_LOAD_HELLO") ?? Path.Combine(AppContext.BaseDirectory, "hello-world.dll");
        foreach (var file in new[] { cli, hello })
        {
            if (file is not null && !File.Exists(file))
            {
                throw new InvalidOperationException($"{file} does not exist (KPS_PAGE_LOAD_CLI / KPS_PAGE_LOAD_HELLO, or build tests/KpatchScript.Cockpit.Tests, which copies hello-world.dll next to it)");
            }
        }

        return new PageLoadSettings(rounds, cli, hello, Get("KPS_PAGE_LOAD_FIGURES"));
    }
}
