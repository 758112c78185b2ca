using System.Text.Json;
using Xunit.Abstractions;

namespace KpatchScript.Cockpit.Tests;

/// <summary>
/// What this kernel gets (eligibility, asked of real dnf with the update check) and what it is still
/// exposed to (the report's exposure from a VEX mirror), as the panel shows them next to what the
/// CLI says about the same host.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class EligibilityAndExposureTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task An_eligible_host_with_a_vex_mirror_shows_its_eligibility_its_window_source_and_its_exposure_as_the_cli_reports_them()
    {
        using var host = HostStates.CoveredWithVexMirror();
        await using var panel = await PanelSession.StartAsync(browser, host, output);

        await panel.OpenAndSettleAsync();
        await panel.ScreenshotAsync("exposure");

        var cli = panel.CliReport();
        var eligibility = cli.GetProperty("status").GetProperty("kernel").GetProperty("eligibility");
        Assert.True(eligibility.GetProperty("eligible").GetBoolean());
        Assert.Equal("true", await Attribute(panel, "#eligibility-label", "data-eligible"));
        Assert.Equal("Eligible", await panel.TextAsync("#eligibility-label"));
        Assert.Equal(cli.GetProperty("status").GetProperty("kernel").GetProperty("support_window").GetProperty("source").GetString(),
            await Attribute(panel, "#support-ends", "data-source"));

        var exposure = cli.GetProperty("status").GetProperty("exposure");
        var counts = exposure.GetProperty("counts");
        foreach (var (state, key) in new[] { ("fix available", "fix_available"), ("no fix yet", "no_fix_yet"), ("fixed after reboot", "fixed_after_reboot"), ("fixed live", "fixed_live"), ("not affected", "not_affected") })
        {
            Assert.Equal(counts.GetProperty(key).GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
                await Attribute(panel, $"#exposure-counts [data-state='{state}']", "data-count"));
        }

        // Every CVE the CLI lists, in its order (worst first), with its state.
        var expected = exposure.GetProperty("cves").EnumerateArray().Select(c => $"{c.GetProperty("cve").GetString()} {c.GetProperty("state").GetString()}").ToList();
        Assert.NotEmpty(expected);
        var shown = await panel.Page.EvaluateAsync("[...document.querySelectorAll('#exposure-table tbody tr')].map(r => r.dataset.cve + ' ' + r.querySelector('.ks-exposure-state').textContent)");
        Assert.Equal(expected, shown.EnumerateArray().Select(r => r.GetString()));
        // Advisories are links to Red Hat's errata (https only), opened in a new tab.
        var links = await panel.Page.EvaluateAsync("[...document.querySelectorAll('#exposure-table a')].map(a => a.protocol + ' ' + a.target)");
        Assert.All(links.EnumerateArray(), l => Assert.Equal("https: _blank", l.GetString()));
        Assert.Contains(exposure.GetProperty("documents").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), await panel.TextAsync("#exposure-source"), StringComparison.Ordinal);

        var violations = await panel.Page.AccessibilityViolationsAsync("exposure");
        Assert.True(violations.Count == 0, "axe found WCAG A/AA violations with the exposure card:\n" + string.Join("\n", violations));
        panel.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task A_kernel_no_repository_has_live_patches_for_reads_not_eligible_with_the_remedy_once_updates_are_checked()
    {
        using var host = HostStates.NotEligible();
        await using var panel = await PanelSession.StartAsync(browser, host, output);

        await panel.OpenAndSettleAsync();

        var cli = panel.CliReport();
        var eligibility = cli.GetProperty("status").GetProperty("kernel").GetProperty("eligibility");
        Assert.True(eligibility.TryGetProperty("eligible", out var eligible) && !eligible.GetBoolean(), $"the CLI's eligibility: {eligibility}");
        Assert.Equal("false", await Attribute(panel, "#eligibility-label", "data-eligible"));
        Assert.Equal(eligibility.GetProperty("remedy").GetString(), await panel.TextAsync("#eligibility-remedy"));
        // The verdict is the CLI's, with its reason: not covered, the kernel gets no live patches.
        Assert.Equal("not covered", cli.GetProperty("verdict").GetProperty("state").GetString());
        Assert.Equal("Not covered", await panel.TextAsync("#verdict-label"));
        Assert.True(await panel.ExistsAsync("#verdict [data-code='kernel-not-eligible']"), "the verdict card lists the reason kernel-not-eligible");
        // Without a VEX mirror the exposure is not configured: said, never an all-clear.
        Assert.StartsWith("unknown", (await panel.TextAsync("#exposure-unknown")).Trim(), StringComparison.Ordinal);
        Assert.Contains("vex_directory", await panel.TextAsync("#exposure-unknown"), StringComparison.Ordinal);
        panel.AssertNoBrowserProblems();
    }

    private static async Task<string?> Attribute(PanelSession panel, string selector, string attribute) =>
        (await panel.Page.EvaluateAsync($"document.querySelector({Browser.BrowserPage.Js(selector)})?.getAttribute({Browser.BrowserPage.Js(attribute)}) ?? null")) is { ValueKind: JsonValueKind.String } value
            ? value.GetString()
            : null;
}
