using Xunit.Abstractions;

namespace KpatchScript.Cockpit.Tests;

/// <summary>
/// axe-core (WCAG 2.0/2.1 A and AA rules) on every state the panel can be in: zero violations.
/// Each scan's full result is written to screenshots/axe-STATE.json next to STATE.png.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class AccessibilityTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Theory]
    [InlineData("covered")]
    [InlineData("action-needed")]
    [InlineData("not-covered")]
    [InlineData("read-only")]
    [InlineData("dark")]
    [InlineData("narrow")]
    [InlineData("dark-narrow")]
    public async Task A_drawn_panel_has_no_WCAG_AA_violation(string scene)
    {
        using var host = scene switch
        {
            "covered" or "dark" => HostStates.Covered(),
            "not-covered" or "narrow" or "dark-narrow" => HostStates.Stalled(),
            _ => HostStates.UpdateAvailable(),
        };
        await using var panel = await PanelSession.StartAsync(browser, host, output, user: scene == "read-only" ? PanelSession.ReadOnlyUser : null);
        if (scene.StartsWith("dark", StringComparison.Ordinal))
        {
            await panel.Page.EmulateDarkAsync();
        }

        if (scene.EndsWith("narrow", StringComparison.Ordinal))
        {
            await panel.Page.SetViewportAsync(500, 900);
        }

        await panel.OpenAndSettleAsync();
        if (scene == "read-only")
        {
            await panel.Page.WaitForAsync("document.querySelector('#app').dataset.admin === 'false'", "the access check");
        }

        await AssertNoViolationsAsync(panel, scene);
    }

    [Fact]
    public async Task The_loading_state_has_no_WCAG_AA_violation()
    {
        using var host = HostStates.Covered();
        await using var panel = await PanelSession.StartAsync(browser, host, output);
        panel.Intercept("report", "sleep 30; exit 1");
        await panel.OpenAsync();
        await panel.Page.WaitForAsync("document.querySelector('#loading') && document.documentElement.dataset.pending === '1'", "the loading state");
        await AssertNoViolationsAsync(panel, "loading");
    }

    [Fact]
    public async Task The_error_state_has_no_WCAG_AA_violation()
    {
        using var host = HostStates.Covered();
        host.MisspellTargetKey();
        await using var panel = await PanelSession.StartAsync(browser, host, output);
        await panel.OpenAsync();
        await panel.Page.WaitForAsync("document.querySelector('#load-error')", "the error");
        await AssertNoViolationsAsync(panel, "error");
    }

    [Fact]
    public async Task The_preview_and_the_progress_of_a_change_have_no_WCAG_AA_violation()
    {
        using var host = HostStates.UpdateAvailable();
        await using var panel = await PanelSession.StartAsync(browser, host, output);
        await panel.OpenAndSettleAsync();
        await panel.PreviewAsync("#action-update");
        await AssertNoViolationsAsync(panel, "preview");

        // The update itself answers slowly, printing progress as the CLI does with --json --progress.
        panel.Intercept("update", """
            if [ "$2" != --dry-run ]; then echo '{"progress":"Dependencies resolved."}'; echo '{"progress":"Installing: kpatch-patch-5_14_0-284_11_1-1-3.el9_2.x86_64"}'; sleep 60; exit 1; fi
            """);
        await panel.Page.ClickAsync("#action-confirm-change");
        await panel.Page.WaitForAsync("document.querySelector('#change-progress')?.textContent.includes('Installing: kpatch-patch')", "the progress lines");
        await AssertNoViolationsAsync(panel, "progress");
    }

    private async Task AssertNoViolationsAsync(PanelSession panel, string scene)
    {
        await panel.ScreenshotAsync($"axe-{scene}");
        var violations = await panel.Page.AccessibilityViolationsAsync(scene);
        foreach (var violation in violations)
        {
            output.WriteLine(violation);
        }

        Assert.True(violations.Count == 0, $"axe found {violations.Count} WCAG A/AA violation(s) in the {scene} state:\n{string.Join("\n", violations)}");
    }
}
