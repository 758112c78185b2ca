using System.Diagnostics;
using System.Text.Json;
using KpatchScript.Cockpit.Tests.Browser;
using Xunit.Abstractions;

namespace KpatchScript.Cockpit.Tests;

/// <summary>
/// What the panel tests rely on in Browser/, on a real panel under its CSP: axe-core runs and
/// answers, the page's problems are caught (an empty list must mean a clean page), and keys move
/// the focus as they do for a person.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class BrowserPlumbingTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Axe_runs_the_WCAG_A_and_AA_rules_on_the_panel_of_a_covered_host()
    {
        using var host = HostStates.Covered();
        await using var panel = await PanelSession.StartAsync(browser, host, output);
        await panel.OpenAndSettleAsync();

        var violations = await panel.Page.AccessibilityViolationsAsync("covered");

        // Printed, not asserted: the accessibility tests assert on what axe finds.
        output.WriteLine($"axe: {violations.Count} failing elements on the covered panel (WCAG 2.0/2.1 A and AA)");
        foreach (var violation in violations)
        {
            output.WriteLine("  " + violation);
        }

        output.WriteLine($"axe result: {BrowserPage.AxeResultPath("covered")}");
        using var result = JsonDocument.Parse(await File.ReadAllTextAsync(BrowserPage.AxeResultPath("covered")));
        var axe = result.RootElement;
        Assert.Equal(panel.PanelUrl, axe.GetProperty("url").GetString());
        // Rules ran and held on this page (document-title, html-has-lang, button-name, ...), each one of the tags asked for.
        Assert.NotEqual(0, axe.GetProperty("passes").GetArrayLength());
        Assert.All(axe.GetProperty("passes").EnumerateArray(), rule =>
            Assert.Contains(rule.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!), BrowserPage.WcagTags.Contains));
        Assert.Equal(violations.Count, axe.GetProperty("violations").EnumerateArray().Sum(rule => rule.GetProperty("nodes").GetArrayLength()));
        panel.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task Console_errors_CSP_violations_exceptions_and_failed_loads_are_the_pages_problems()
    {
        using var host = HostStates.Covered();
        await using var panel = await PanelSession.StartAsync(browser, host, output);
        await panel.OpenAndSettleAsync();
        panel.AssertNoBrowserProblems();

        await panel.Page.EvaluateAsync("""
            console.error("probe: a console error");
            // Cockpit's CSP (script-src 'self') refuses an inline script.
            document.head.append(Object.assign(document.createElement("script"), { textContent: "window.probeRan = true" }));
            setTimeout(() => { throw new Error("probe: an uncaught exception"); });
            fetch("no-such-file.js").catch(() => {})
            """);

        var expected = new[] { "probe: a console error", "Content Security Policy", "probe: an uncaught exception", "404" };
        var clock = Stopwatch.StartNew();
        while (!expected.All(e => panel.Page.Problems.Any(p => p.Contains(e, StringComparison.Ordinal))) && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        output.WriteLine("problems:\n" + string.Join("\n", panel.Page.Problems));
        Assert.All(expected, e => Assert.Contains(panel.Page.Problems, p => p.Contains(e, StringComparison.Ordinal)));
        Assert.Equal(JsonValueKind.Undefined, (await panel.Page.EvaluateAsync("window.probeRan")).ValueKind);
    }

    [Fact]
    public async Task Tab_and_Shift_Tab_move_the_focus_and_the_viewport_can_narrow()
    {
        using var host = HostStates.Covered();
        await using var panel = await PanelSession.StartAsync(browser, host, output);
        await panel.OpenAndSettleAsync();
        Assert.Equal("body", await panel.Page.FocusedAsync());

        await panel.Page.PressAsync("Tab");
        var first = await panel.Page.FocusedAsync();
        await panel.Page.PressAsync("Tab");
        var second = await panel.Page.FocusedAsync();
        await panel.Page.PressAsync("Shift+Tab");

        output.WriteLine($"Tab: {first}; Tab: {second}");
        Assert.NotEqual("body", first);
        Assert.NotEqual(first, second);
        Assert.Equal(first, await panel.Page.FocusedAsync());

        await panel.Page.SetViewportAsync(390, 844);
        Assert.Equal(390, (await panel.Page.EvaluateAsync("window.innerWidth")).GetInt32());
        panel.AssertNoBrowserProblems();
    }
}
