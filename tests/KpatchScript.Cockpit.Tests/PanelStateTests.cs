using Xunit.Abstractions;

namespace KpatchScript.Cockpit.Tests;

/// <summary>What the panel shows for each host state, in an admin session, next to what the CLI says about the same host.</summary>
[Collection(BrowserTests.Name)]
public sealed class PanelStateTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task A_covered_host_shows_covered_with_its_patch_its_cves_and_its_support_window()
    {
        using var host = HostStates.Covered();
        await using var panel = await PanelSession.StartAsync(browser, host, output);

        var toVerdict = await panel.OpenAndSettleAsync("covered");
        await panel.ScreenshotAsync("covered");

        var cli = panel.CliReport();
        Assert.Equal("covered", cli.GetProperty("verdict").GetProperty("state").GetString());
        Assert.Equal("Covered", await panel.TextAsync("#verdict-label"));
        Assert.Equal(cli.GetProperty("verdict").GetProperty("summary").GetString(), await panel.TextAsync("#verdict-summary"));
        Assert.Equal("5.14.0-284.11.1.el9_2.x86_64", await panel.TextAsync("#kernel-running"));
        Assert.Equal("enabled", await panel.TextAsync("#patches-table tr[data-patch='kpatch_5_14_0_284_11_1_1_1'] .ks-patch-state"));
        Assert.Equal("CVE-2023-0001", await panel.TextAsync("#cves-fixed"));
        var window = cli.GetProperty("status").GetProperty("kernel").GetProperty("support_window");
        Assert.Equal($"until {window.GetProperty("ends").GetString()}", await panel.TextAsync("#support-ends"));
        Assert.Equal($"{window.GetProperty("days_left").GetInt32()} days left", await panel.TextAsync("#support-days-left"));
        Assert.Equal("Not needed", await panel.TextAsync("#reboot-advice"));
        Assert.Equal("No newer live patch in the repositories.", await panel.TextAsync("#updates-list"));
        // The checks' worst result (verification.result), shown as that: not the verdict, which the verdict card has.
        Assert.Equal("pass", cli.GetProperty("verification").GetProperty("result").GetString());
        Assert.Equal("pass", await panel.TextAsync("#verification-result"));
        Assert.Equal("report", (await panel.Page.EvaluateAsync("document.querySelector('#verdict').dataset.source")).GetString());
        Assert.StartsWith("status-report: ", await panel.TextAsync("#workflows-list li[data-workflow='status-report'] .ks-secondary"), StringComparison.Ordinal);
        panel.AssertNoBrowserProblems();

        // Again in the same session: the bridge is running, as when an admin opens the page in a running Cockpit.
        var warm = await panel.OpenAndSettleAsync("covered, page opened again in the same session");
        Assert.Equal("Covered", await panel.TextAsync("#verdict-label"));
        Assert.True(toVerdict < 5000 && warm < 5000, $"the verdict took {toVerdict:0} ms to show (again: {warm:0} ms)");
    }

    [Fact]
    public async Task A_host_with_a_newer_live_patch_shows_action_needed_and_offers_the_update()
    {
        using var host = HostStates.UpdateAvailable();
        await using var panel = await PanelSession.StartAsync(browser, host, output);

        await panel.OpenAndSettleAsync("action needed");
        await panel.ScreenshotAsync("action-needed");

        var cli = panel.CliReport();
        Assert.Equal("action needed", cli.GetProperty("verdict").GetProperty("state").GetString());
        Assert.Equal("Action needed", await panel.TextAsync("#verdict-label"));
        Assert.Equal(cli.GetProperty("verdict").GetProperty("summary").GetString(), await panel.TextAsync("#verdict-summary"));
        Assert.True(await panel.ExistsAsync("#verdict-reasons li[data-code='update-available']"));
        // The newest for the kernel is 1-3; it adds what 1-2 and 1-3 fixed (DnfLab's changelogs).
        Assert.Contains("kpatch-patch-5_14_0-284_11_1-1-3.el9_2", await panel.TextAsync("#updates-list"), StringComparison.Ordinal);
        Assert.Equal("CVE-2023-0002CVE-2023-0003CVE-2023-0004", await panel.TextAsync("#cves-available"));
        Assert.Equal("CVE-2023-0001", await panel.TextAsync("#cves-fixed"));
        Assert.True((await panel.Page.EvaluateAsync("document.querySelector('#action-update').getAttribute('aria-disabled') !== 'true'")).GetBoolean());
        Assert.Equal("Off", await panel.TextAsync("#auto-update-state"));
        Assert.True((await panel.Page.EvaluateAsync("document.querySelector('#action-auto-update').getAttribute('aria-disabled') !== 'true'")).GetBoolean());
        panel.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task A_stalled_transition_shows_not_covered_and_the_task_it_waits_for()
    {
        using var host = HostStates.Stalled();
        await using var panel = await PanelSession.StartAsync(browser, host, output);

        await panel.OpenAndSettleAsync("stalled");
        await panel.ScreenshotAsync("stalled");

        var cli = panel.CliReport();
        Assert.Equal("not covered", cli.GetProperty("verdict").GetProperty("state").GetString());
        Assert.Equal("Not covered", await panel.TextAsync("#verdict-label"));
        Assert.True(await panel.ExistsAsync("#verdict-reasons li[data-code='check-failed:transition']"));
        Assert.Equal("stalled", await panel.TextAsync("#patches-table tr[data-patch='lab_stall_patch'] .ks-patch-state"));
        // The captured kthread that sleeps in the patched function (tests/fixtures/sysroots/README.md).
        var task = cli.GetProperty("status").GetProperty("livepatch").GetProperty("transition_tasks")[0];
        Assert.Equal($"{task.GetProperty("command").GetString()} (pid {task.GetProperty("pid").GetInt32()}, tid {task.GetProperty("tid").GetInt32()}, patch_state 0)",
            await panel.TextAsync("tr[data-blockers-of='lab_stall_patch'] .ks-blockers li"));
        Assert.Equal("lab_stall", task.GetProperty("command").GetString());
        // The captured kernel never had a host name set ("(none)"): unknown, said as such, never a host called "(none)".
        Assert.Equal("host name unknown", await panel.TextAsync("#host-name"));
        Assert.DoesNotContain("(none)", await panel.TextAsync("#verdict-summary"), StringComparison.Ordinal);
        Assert.StartsWith($"{cli.GetProperty("target").GetString()} is not covered: ", await panel.TextAsync("#verdict-summary"), StringComparison.Ordinal);
        Assert.Equal("fail", await panel.TextAsync("#checks-table tr[data-check='transition'] .ks-label"));
        panel.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task The_shell_lists_the_panel_in_its_menu_and_shows_it_in_its_frame()
    {
        using var host = HostStates.Covered();
        await using var panel = await PanelSession.StartAsync(browser, host, output);

        await panel.Page.NavigateAsync(panel.Server.Url("/kpatch-script"));
        const string frame = "document.querySelector('iframe[name=\"cockpit1:localhost/kpatch-script\"]')";
        await panel.Page.WaitForAsync($"{frame}?.contentDocument?.querySelector('#verdict-label')", "the panel inside the shell");
        await panel.RecordVerdictTimeAsync("covered, in the shell (its frame, on the first load of the shell)", $"{frame}.contentWindow");
        await panel.ScreenshotAsync("shell");

        var menu = await panel.Page.EvaluateAsync("[...document.querySelectorAll('nav a, #host-apps a')].map(a => a.textContent.trim())");
        Assert.Contains("Kernel live patching", menu.EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("Covered", (await panel.Page.EvaluateAsync($"{frame}.contentDocument.querySelector('#verdict-label').textContent")).GetString());

        // Warm: the shell opened again in the same session (the bridge running, the browser's cache filled).
        await panel.Page.NavigateAsync(panel.Server.Url("/kpatch-script"));
        await panel.Page.WaitForAsync($"{frame}?.contentDocument?.querySelector('#verdict-label')", "the panel inside the shell, again");
        await panel.RecordVerdictTimeAsync("covered, in the shell, opened again in the same session", $"{frame}.contentWindow");
    }

    [Fact]
    public async Task The_dark_theme_follows_the_system_as_cockpit_does()
    {
        using var host = HostStates.Covered();
        await using var panel = await PanelSession.StartAsync(browser, host, output);
        await panel.Page.EmulateDarkAsync();

        await panel.OpenAndSettleAsync();
        await panel.ScreenshotAsync("dark");

        Assert.True((await panel.Page.EvaluateAsync("document.documentElement.classList.contains('pf-theme-dark')")).GetBoolean());
        Assert.Equal("rgb(15, 18, 20)", (await panel.Page.EvaluateAsync("getComputedStyle(document.body).backgroundColor")).GetString());

        // Cockpit's own choice wins over the system's: "light" in localStorage["shell:style"], announced by the shell's event.
        await panel.Page.EvaluateAsync("localStorage.setItem('shell:style', 'light'); window.dispatchEvent(new CustomEvent('cockpit-style', { detail: { style: 'light' } }))");
        Assert.False((await panel.Page.EvaluateAsync("document.documentElement.classList.contains('pf-theme-dark')")).GetBoolean());
        panel.AssertNoBrowserProblems();
    }
}
