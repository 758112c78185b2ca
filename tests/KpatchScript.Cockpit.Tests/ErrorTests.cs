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
        File.WriteAllText(host.Config, File.ReadAllText(host.Config).Replace("\"target\"", "\"targte\"", StringComparison.Ordinal));
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
}
