using System.Text.Json;
using KpatchScript.TestFixtures;
using Xunit.Abstractions;

namespace KpatchScript.Cockpit.Tests;

/// <summary>
/// Changes as an admin makes them by keyboard: the preview first (nothing runs until it is
/// confirmed), focus where the user is, the outcome in the card and announced; and Cancel while the
/// real dnf runs, which leaves the host as the journal says.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ConfirmAndCancelTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Update_by_keyboard_previews_runs_nothing_until_confirmed_and_keeps_focus_in_its_card()
    {
        using var host = HostStates.UpdateAvailable();
        await using var panel = await PanelSession.StartAsync(browser, host, output);
        await panel.OpenAndSettleAsync();
        var installedBefore = DnfLab.InstalledPackages(host.Root);
        var journalBefore = JournalCount(host);

        await panel.Page.Raw.FocusAsync("#action-update");
        await panel.Page.PressAsync("Enter");
        await panel.Page.WaitForAsync("document.querySelector('#action-confirm-change')", "the preview", TimeSpan.FromMinutes(2));
        await panel.ScreenshotAsync("update-preview");

        // The preview: the exact dnf command of update --dry-run, the package and the CVEs it adds.
        var planned = JsonDocument.Parse(CliOnPath.Run(host.Config, "update", "--dry-run", "--json")).RootElement;
        Assert.Equal("planned", planned.GetProperty("outcome").GetString());
        var command = string.Join(' ', planned.GetProperty("commands")[0].EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(command, await panel.TextAsync("#change-plan li"));
        Assert.Equal("kpatch-patch-5_14_0-284_11_1-1-3.el9_2 adds CVE-2023-0002, CVE-2023-0003, CVE-2023-0004", await panel.TextAsync("#change-packages li"));
        Assert.Equal("#change-preview-title", await panel.Page.FocusedAsync());
        // Nothing ran: rpm shows what it showed, the journal has no new operation (a dry run is not journaled).
        Assert.Equal(installedBefore, DnfLab.InstalledPackages(host.Root));
        Assert.Equal(journalBefore, JournalCount(host));

        // Cancel the preview: focus goes back to the button that opened it.
        await panel.Page.PressAsync("Tab");
        Assert.Equal("#action-confirm-change", await panel.Page.FocusedAsync());
        await panel.Page.PressAsync("Tab");
        Assert.Equal("#action-cancel-change", await panel.Page.FocusedAsync());
        await panel.Page.PressAsync("Enter");
        await panel.Page.WaitForAsync("!document.querySelector('#change')", "the preview to close");
        Assert.Equal("#action-update", await panel.Page.FocusedAsync());
        Assert.Equal(installedBefore, DnfLab.InstalledPackages(host.Root));

        // Again, confirmed this time, by keyboard.
        await panel.Page.PressAsync("Enter");
        await panel.Page.WaitForAsync("document.querySelector('#action-confirm-change')", "the preview", TimeSpan.FromMinutes(2));
        await panel.Page.PressAsync("Tab");
        await panel.Page.PressAsync("Enter");
        await panel.Page.WaitForAsync("document.querySelector('#packages-result')", "the update to finish", TimeSpan.FromMinutes(3));
        await panel.WaitUntilSettledAsync();
        await panel.ScreenshotAsync("update-done");

        var journal = JsonDocument.Parse(CliOnPath.Run(host.Config, "journal", "--json")).RootElement.GetProperty("entries")[0];
        Assert.Equal(("update", "succeeded"), (journal.GetProperty("operation").GetString(), journal.GetProperty("outcome").GetString()));
        Assert.Contains("kpatch-patch-5_14_0-284_11_1-1-3.el9_2.x86_64", DnfLab.InstalledPackages(host.Root));
        Assert.Equal("success", (await panel.Page.EvaluateAsync("document.querySelector('#packages-result').dataset.kind")).GetString());
        Assert.Equal("Live patch updated", await panel.TextAsync("#packages-result .ks-alert__title"));
        // The Update button is gone (nothing newer now): focus is on the outcome, in the same card, and it was announced.
        Assert.False(await panel.ExistsAsync("#action-update"));
        Assert.Equal("#packages-result", await panel.Page.FocusedAsync());
        Assert.StartsWith("Live patch updated. update on ", await panel.TextAsync("#announcer"), StringComparison.Ordinal);
        Assert.Equal("polite", (await panel.Page.EvaluateAsync("document.querySelector('#announcer').getAttribute('aria-live')")).GetString());
        panel.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task Cancel_during_an_install_stops_at_a_safe_point_and_says_what_state_the_host_is_in()
    {
        // The patch's %pre sleeps 4 s: Cancel arrives while dnf runs.
        using var host = HostStates.SlowToInstall();
        await using var panel = await PanelSession.StartAsync(browser, host, output);
        await panel.OpenAndSettleAsync();

        await panel.PreviewAsync("#action-install");
        await panel.Page.ClickAsync("#action-confirm-change");
        // Cancel once dnf is at work: its first line has arrived (install --json --progress).
        await panel.Page.WaitForAsync("document.querySelector('#change-progress') && !document.querySelector('#change-progress').textContent.startsWith('(nothing printed yet)')", "dnf's first line", TimeSpan.FromMinutes(2));
        await panel.Page.ClickAsync("#action-stop-change");
        await panel.Page.WaitForAsync("document.querySelector('#change')?.dataset.phase === 'stopping' || document.querySelector('#packages-result')", "the stop to show");
        await panel.ScreenshotAsync("install-stopping");
        await panel.Page.WaitForAsync("document.querySelector('#packages-result')", "the outcome after Cancel", TimeSpan.FromMinutes(4));
        await panel.WaitUntilSettledAsync();
        await panel.ScreenshotAsync("install-cancelled");

        // Whatever point it stopped at, the page says what the journal and rpm say: never an unfinished operation, never a guess.
        var title = await panel.TextAsync("#packages-result .ks-alert__title");
        var text = await panel.TextAsync("#packages-result .ks-alert__text");
        output.WriteLine($"after Cancel: {title}: {text}");
        var installs = JsonDocument.Parse(CliOnPath.Run(host.Config, "journal", "--json")).RootElement.GetProperty("entries")
            .EnumerateArray().Where(e => e.GetProperty("operation").GetString() == "install").ToList();
        var verdict = panel.CliReport().GetProperty("verdict").GetProperty("state").GetString();
        var installed = DnfLab.InstalledPackages(host.Root).Contains($"{DnfLab.PatchName(DnfLab.KernelSlowPre)}-1-1.el9_8.x86_64");
        Assert.EndsWith($"The host now reads: {verdict}.", text, StringComparison.Ordinal);
        Assert.Equal("#packages-result", await panel.Page.FocusedAsync());
        if (installs.Count == 0)
        {
            // SIGTERM before kpatch-script opened its journal: it ended at once.
            Assert.Equal(("Install live patch cancelled", false), (title, installed));
            Assert.StartsWith("It had not started: nothing was changed.", text, StringComparison.Ordinal);
            return;
        }

        var outcome = installs[0].GetProperty("outcome").GetString();
        Assert.NotEqual("unfinished", outcome);
        if (outcome == "interrupted")
        {
            // Stopped before dnf began: nothing installed, and the page says so.
            Assert.Equal(("Install live patch cancelled", false), (title, installed));
            Assert.StartsWith("kpatch-script stopped at a safe point; the journal records install as interrupted", text, StringComparison.Ordinal);
        }
        else
        {
            // dnf's transaction is never cut: it finished, so the install did, and the page does not call it cancelled.
            Assert.Equal(("Install live patch ended before it could stop", "succeeded", true), (title, outcome, installed));
            Assert.StartsWith("The journal records install as succeeded", text, StringComparison.Ordinal);
        }

        panel.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task Refresh_by_keyboard_keeps_the_focus_on_Refresh()
    {
        using var host = HostStates.Covered();
        await using var panel = await PanelSession.StartAsync(browser, host, output);
        await panel.OpenAndSettleAsync();
        await panel.Page.Raw.EvaluateAsync("() => { window.marker = document.querySelector('#kernel'); }");

        await panel.Page.Raw.FocusAsync("#action-refresh");
        await panel.Page.PressAsync("Enter");
        await panel.Page.WaitForAsync("document.querySelector('#app').dataset.updates === 'checking'", "the reload to start");
        await panel.WaitUntilSettledAsync();

        Assert.Equal("#action-refresh", await panel.Page.FocusedAsync());
        // Updated in place: the cards are the same elements, not a redrawn page.
        Assert.True((await panel.Page.EvaluateAsync("window.marker === document.querySelector('#kernel')")).GetBoolean());
        panel.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task Every_action_is_reached_by_Tab_in_an_admin_session()
    {
        using var host = HostStates.UpdateAvailable();
        await using var panel = await PanelSession.StartAsync(browser, host, output);
        await panel.OpenAndSettleAsync();
        var buttons = (await panel.Page.EvaluateAsync("[...document.querySelectorAll('#app button')].map(b => b.id || b.dataset.key)"))
            .EnumerateArray().Select(b => b.GetString()!).ToList();
        Assert.Contains("action-update", buttons);
        Assert.Contains("action-verify", buttons);

        var reached = new HashSet<string>();
        for (var i = 0; i < 100 && reached.Count < buttons.Count; i++)
        {
            await panel.Page.PressAsync("Tab");
            var focused = await panel.Page.EvaluateAsync("document.activeElement.tagName === 'BUTTON' ? (document.activeElement.id || document.activeElement.dataset.key) : null");
            if (focused.ValueKind == JsonValueKind.String)
            {
                reached.Add(focused.GetString()!);
            }
        }

        Assert.Equal(buttons.Order(StringComparer.Ordinal), reached.Order(StringComparer.Ordinal));
        panel.AssertNoBrowserProblems();
    }

    private static int JournalCount(HostState host) =>
        JsonDocument.Parse(CliOnPath.Run(host.Config, "journal", "--json")).RootElement.GetProperty("total").GetInt32();
}
