using Xunit.Abstractions;

namespace KpatchScript.Cockpit.Tests;

/// <summary>A session without administrative access (cockpit-ws as nobody): the state, read only; every action disabled, saying why.</summary>
[Collection(BrowserTests.Name)]
public sealed class AccessTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task A_non_admin_session_sees_the_state_with_every_action_disabled_and_why()
    {
        using var host = HostStates.UpdateAvailable();
        await using var panel = await PanelSession.StartAsync(browser, host, output, user: PanelSession.ReadOnlyUser);

        await panel.OpenAndSettleAsync("non-admin");
        await panel.Page.WaitForAsync("document.querySelector('#app').dataset.admin === 'false'", "the access check");
        await panel.ScreenshotAsync("non-admin");

        // Read as nobody, the host is the same host: the first report agrees with the CLI's (run as root, without dnf).
        var cli = panel.CliReport(checkUpdates: false);
        Assert.Equal("5.14.0-284.11.1.el9_2.x86_64", await panel.TextAsync("#kernel-running"));
        Assert.Equal("CVE-2023-0001", await panel.TextAsync("#cves-fixed"));
        Assert.Equal(
            cli.GetProperty("status").GetProperty("packages")[0].GetProperty("name").GetString(),
            (await panel.Page.EvaluateAsync("document.querySelector('#packages-table tbody tr').dataset.package")).GetString());
        Assert.StartsWith("Limited access", await panel.TextAsync("#admin-hint .ks-alert__title"), StringComparison.Ordinal);

        var actions = await panel.Page.EvaluateAsync("""
            [...document.querySelectorAll('#toolbar button, #content button')]
                .filter(b => !['action-refresh', 'action-run-cancel'].includes(b.id))
                .map(b => ({ name: b.id || b.dataset.action + ':' + b.dataset.workflow, disabled: b.getAttribute('aria-disabled') === 'true' && !b.disabled, why: document.getElementById(b.getAttribute('aria-describedby'))?.textContent ?? '' }))
            """);
        var names = actions.EnumerateArray().Select(a => a.GetProperty("name").GetString()!).ToList();
        foreach (var expected in new[] { "action-report", "action-update", "action-downgrade", "action-remove", "action-auto-update", "action-auto-update-current", "action-verify", "dry-run:status-report", "dry-run:apply-updates" })
        {
            Assert.Contains(expected, names);
        }

        Assert.All(actions.EnumerateArray(), a =>
        {
            Assert.True(a.GetProperty("disabled").GetBoolean(), $"{a.GetProperty("name").GetString()} is enabled");
            Assert.Contains("administrative access", a.GetProperty("why").GetString(), StringComparison.Ordinal);
        });

        // Each unavailable action is still reached by Tab (aria-disabled, not disabled), and says why while it has focus.
        var reached = new List<string>();
        for (var i = 0; i < 80 && reached.Count < names.Count; i++)
        {
            await panel.Page.PressAsync("Tab");
            var focused = await panel.Page.EvaluateAsync("""
                (() => { const b = document.activeElement; if (!b || b.tagName !== 'BUTTON' || b.getAttribute('aria-disabled') !== 'true') return null;
                  const why = document.getElementById(b.getAttribute('aria-describedby'));
                  return { name: b.id || b.dataset.action + ':' + b.dataset.workflow, shown: why !== null && getComputedStyle(why).display !== 'none' }; })()
                """);
            if (focused.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                var name = focused.GetProperty("name").GetString()!;
                Assert.True(focused.GetProperty("shown").GetBoolean(), $"{name} has focus but its reason is not shown");
                if (!reached.Contains(name))
                {
                    reached.Add(name);
                }
            }
        }

        Assert.Equal(names.Order(StringComparer.Ordinal), reached.Order(StringComparer.Ordinal));
        await panel.ScreenshotAsync("non-admin-focused-reason");

        // Enter on, and a click on, an unavailable action run nothing.
        await panel.Page.PressAsync("Enter");
        await panel.Page.ClickAsync("#action-verify");
        await Task.Delay(500);
        Assert.Equal("0", (await panel.Page.EvaluateAsync("document.documentElement.dataset.pending")).GetString());
        Assert.StartsWith("From the report", await panel.TextAsync("#verification-source"), StringComparison.Ordinal);
        panel.AssertNoBrowserProblems();
    }
}
