using Xunit.Abstractions;

namespace KpatchScript.Cockpit.Tests;

/// <summary>The panel on a narrow screen, in another language, and its verdict card's words and headings.</summary>
[Collection(BrowserTests.Name)]
public sealed class LayoutAndLanguageTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task At_500_px_nothing_scrolls_sideways_and_names_break_only_between_their_parts()
    {
        using var host = HostStates.Stalled();
        await using var panel = await PanelSession.StartAsync(browser, host, output);
        await panel.Page.SetViewportAsync(500, 900);
        await panel.OpenAndSettleAsync();
        await panel.ScreenshotAsync("narrow");

        Assert.True((await panel.Page.EvaluateAsync("document.documentElement.scrollWidth <= 500")).GetBoolean(), "the page scrolls sideways at 500 px");
        // Each part of a machine name (between the <wbr> after / _ . : -) stays on one line unless it alone is wider than its box.
        var broken = await panel.Page.EvaluateAsync("""
            [...document.querySelectorAll('#patches-table code, #checks-table code, #packages-table code, #kernel code')].flatMap(box =>
                [...box.childNodes].filter(n => n.nodeType === Node.TEXT_NODE && n.data.trim().length > 0).filter(n => {
                    const range = document.createRange(); range.selectNodeContents(n);
                    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                    return lines.size > 1 && range.getBoundingClientRect().width < box.getBoundingClientRect().width;
                }).map(n => n.data))
            """);
        Assert.True(broken.GetArrayLength() == 0, $"broken inside a name: {broken}");
        // Tables become one block per row, each cell named by its column.
        Assert.Equal("block", (await panel.Page.EvaluateAsync("getComputedStyle(document.querySelector('#patches-table tbody tr')).display")).GetString());
        Assert.Equal("Patch: ", (await panel.Page.EvaluateAsync("getComputedStyle(document.querySelector('#patches-table tbody td'), '::before').content")).GetString()!.Trim('"') );
        panel.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task The_verdict_card_has_its_own_heading_and_says_a_single_reason_once()
    {
        using var host = HostStates.UpdateAvailable();
        await using var panel = await PanelSession.StartAsync(browser, host, output);
        await panel.OpenAndSettleAsync();

        // Headings in order: h1, then the verdict's h2 before any h3 (its alerts).
        var levels = (await panel.Page.EvaluateAsync("[...document.querySelectorAll('h1, h2, h3')].map(h => Number(h.tagName[1]))")).EnumerateArray().Select(l => l.GetInt32()).ToList();
        Assert.Equal(1, levels[0]);
        Assert.Equal(2, levels[1]);
        Assert.All(levels.Zip(levels.Skip(1)), pair => Assert.True(pair.Second <= pair.First + 1, $"heading h{pair.Second} follows h{pair.First}"));
        Assert.Equal("Verdict: Action needed", await panel.TextAsync("#verdict-title"));

        var cli = panel.CliReport();
        var reasons = cli.GetProperty("verdict").GetProperty("reasons");
        var summary = cli.GetProperty("verdict").GetProperty("summary").GetString()!;
        var shown = (await panel.Page.EvaluateAsync("[...document.querySelectorAll('#verdict-reasons li')].map(li => li.textContent)")).EnumerateArray().Select(t => t.GetString()!).ToList();
        Assert.Equal(reasons.GetArrayLength(), shown.Count);
        if (reasons.GetArrayLength() == 1)
        {
            // The summary already quotes it: the list names its code instead of repeating it word for word.
            Assert.DoesNotContain(reasons[0].GetProperty("text").GetString()!.TrimEnd('.'), shown[0], StringComparison.Ordinal);
            Assert.Contains(reasons[0].GetProperty("code").GetString()!, shown[0], StringComparison.Ordinal);
        }

        Assert.Equal(summary, await panel.TextAsync("#verdict-summary"));
        // The badge's text on its colour: 4.5:1 at least (WCAG AA).
        var contrast = (await panel.Page.EvaluateAsync("""
            (() => { const s = getComputedStyle(document.querySelector('#verdict-label'));
              const rgb = c => c.match(/\d+/g).slice(0, 3).map(Number).map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
              const lum = c => { const [r, g, b] = rgb(c); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
              const [a, b] = [lum(s.color), lum(s.backgroundColor)].sort((x, y) => y - x);
              return (a + 0.05) / (b + 0.05); })()
            """)).GetDouble();
        Assert.True(contrast >= 4.5, $"the verdict badge's contrast is {contrast:0.00}:1");
        panel.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task Updates_that_could_not_be_checked_are_not_shown_as_checked()
    {
        using var host = HostStates.Covered();
        await using var panel = await PanelSession.StartAsync(browser, host, output);
        // The repositories cannot be read: report --check-updates answers, with the updates unknown.
        File.WriteAllText(Path.Combine(host.Root, "etc/yum.repos.d/kpatch-test.repo"), "[kpatch-test]\nname=gone\nbaseurl=file:///nonexistent/kps-repository\nenabled=1\ngpgcheck=0\n");
        host.MakeReadable();
        await panel.OpenAndSettleAsync();

        var cli = panel.CliReport();
        var updates = cli.GetProperty("status").GetProperty("coverage").GetProperty("updates");
        Assert.Equal(System.Text.Json.JsonValueKind.Object, updates.ValueKind);
        Assert.Equal($"Updates could not be checked: {updates.GetProperty("unknown").GetString()}", await panel.TextAsync("#updates-error"));
        Assert.False(await panel.ExistsAsync("#updates-checked"));
        panel.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task The_panel_speaks_the_sessions_language_through_cockpit_gettext()
    {
        using var host = HostStates.Covered();
        await using var panel = await PanelSession.StartAsync(browser, host, output);
        // A translation as Cockpit's build would ship it (po.LANG.js); cockpit-ws serves it as po.js to a German session.
        File.WriteAllText(Path.Combine(panel.PackageDirectory, "po.de.js"), """
            cockpit.locale({
                "": { "plural-forms": (n) => n != 1, "language": "de", "language-direction": "ltr" },
                "Kernel live patching": [null, "Kernel-Live-Patching"],
                "Refresh": [null, "Aktualisieren"],
                "Covered": [null, "Abgedeckt"],
                "Run verification now": [null, "Jetzt prüfen"],
                "Kernel": [null, "Kernel (de)"]
            });
            """);
        panel.Host.MakeReadable();
        await panel.Page.Raw.Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "CockpitLang", Value = "de-de", Url = panel.Server.Url("/") }]);
        await panel.OpenAndSettleAsync();
        await panel.ScreenshotAsync("german");

        Assert.Equal("Kernel-Live-Patching", await panel.TextAsync("h1"));
        Assert.Equal("Aktualisieren", await panel.TextAsync("#action-refresh"));
        Assert.Equal("Abgedeckt", await panel.TextAsync("#verdict-label"));
        Assert.Equal("Jetzt prüfen", await panel.TextAsync("#action-verify"));
        Assert.Equal("Kernel (de)", await panel.TextAsync("#kernel-title"));
        // Untranslated strings stay English.
        Assert.Equal("Live patches", await panel.TextAsync("#patches-title"));
        panel.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task A_kpatch_script_that_hangs_is_stopped_at_the_time_limit_with_what_it_said()
    {
        using var host = HostStates.Covered();
        await using var panel = await PanelSession.StartAsync(browser, host, output, manifestOverride: """{ "config": { "read_timeout_seconds": 3 } }""");
        panel.Intercept("report", "echo 'kpatch-script: waiting for the rpm database lock' >&2; exec sleep 300");

        await panel.OpenAsync();
        await panel.Page.WaitForAsync("window.cockpit && cockpit.manifests['kpatch-script']", "the manifests");
        Assert.Equal(3, (await panel.Page.EvaluateAsync("cockpit.manifests['kpatch-script'].config.read_timeout_seconds")).GetInt32());
        await panel.Page.WaitForAsync("document.querySelector('#load-error')", "the time limit", TimeSpan.FromMinutes(1));
        await panel.ScreenshotAsync("timeout");

        Assert.Equal(
            "\"kpatch-script report --format json\" did not finish within 3 s and was stopped. It said: kpatch-script: waiting for the rpm database lock. The limit is set in /etc/cockpit/kpatch-script.override.json.",
            await panel.TextAsync("#load-error .ks-alert__text"));
        Assert.Equal("#action-retry", await panel.Page.FocusedAsync());
        // The host's timer stopped it: no sleeping kpatch-script is left behind.
        var left = await KpatchScript.TestFixtures.ProcessHelper.ExecuteAsync(["pgrep", "-f", "sleep 300"], host.Work, new Dictionary<string, string>(), null, TimeSpan.FromSeconds(30));
        Assert.NotEqual(0, left.ExitCode);
        panel.AssertNoBrowserProblems();
    }
}
