using Xunit.Abstractions;

namespace KpatchScript.Cockpit.Tests;

/// <summary>When kpatch-script cannot answer, the panel says so inline: never a blank page.</summary>
[Collection(BrowserTests.Name)]
public sealed class ErrorTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Without_kpatch_script_on_the_PATH_the_panel_says_what_to_install()
    {
        using var host = HostStates.Stalled();
        await using var panel = await PanelSession.StartAsync(browser, host, output, cliOnPath: false);

        await panel.OpenAsync();
        await panel.Page.WaitForAsync("document.querySelector('#load-error')", "the error");
        await panel.ScreenshotAsync("missing-cli");

        Assert.Equal("The live patching state could not be read", await panel.TextAsync("#load-error .ks-alert__title"));
        Assert.StartsWith("kpatch-script was not found on this host: install the kpatch-script package (it provides /usr/bin/kpatch-script)",
            await panel.TextAsync("#load-error .ks-alert__text"), StringComparison.Ordinal);
        Assert.True(await panel.ExistsAsync("#action-retry"));
        panel.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task A_failing_kpatch_script_shows_its_message_inline()
    {
        using var host = HostStates.Stalled();
        // A typo in the configuration: every command stops with one line naming the file and the key.
        host.MisspellTargetKey();
        await using var panel = await PanelSession.StartAsync(browser, host, output);

        await panel.OpenAsync();
        await panel.Page.WaitForAsync("document.querySelector('#load-error')", "the error");
        await panel.ScreenshotAsync("cli-error");

        var direct = await KpatchScript.TestFixtures.ProcessHelper.ExecuteAsync([CliOnPath.Dotnet, CliOnPath.Dll, "report", "--format", "json"], host.Work,
            new Dictionary<string, string> { ["KPATCH_SCRIPT_CONFIG"] = host.Config }, null, TimeSpan.FromMinutes(1));
        Assert.Equal(1, direct.ExitCode);
        Assert.StartsWith($"kpatch-script: error: configuration {host.Config}: unknown key 'targte'", direct.StandardError, StringComparison.Ordinal);
        Assert.Equal(direct.StandardError.Trim(), await panel.TextAsync("#load-error .ks-alert__text"));
        panel.AssertNoBrowserProblems();
    }

    [Theory]
    [InlineData("""echo '{"schema_version": 99, "status": {}}'""", "kpatch-script report answered with schema version 99; this panel reads version 1. Install the panel and kpatch-script from the same package")]
    [InlineData("""echo 'not json'; echo 'kpatch-script: warning: half a line' >&2""", "kpatch-script printed something that is not JSON")]
    public async Task A_report_the_panel_cannot_read_is_an_error_that_says_why(string report, string expected)
    {
        using var host = HostStates.Stalled();
        await using var panel = await PanelSession.StartAsync(browser, host, output);
        // A kpatch-script from another package (or a broken one): 'report' answers what the panel
        // must not read as a report; every other command is the real CLI's.
        panel.Intercept("report", $"{report}; exit 0");

        await panel.OpenAsync();
        await panel.Page.WaitForAsync("document.querySelector('#load-error')", "the error");

        var text = await panel.TextAsync("#load-error .ks-alert__text");
        Assert.StartsWith(expected, text, StringComparison.Ordinal);
        if (report.Contains(">&2", StringComparison.Ordinal))
        {
            Assert.EndsWith("It said: kpatch-script: warning: half a line", text, StringComparison.Ordinal);
        }

        Assert.False(await panel.ExistsAsync("#verdict"));
        panel.AssertNoBrowserProblems();
    }
}
