using System.Text.Json;
using KpatchScript.TestFixtures;
using Xunit.Abstractions;

namespace KpatchScript.Cockpit.Tests;

/// <summary>The panel's actions in an admin session (cockpit-ws as root), each running the real CLI against the host's tree.</summary>
[Collection(BrowserTests.Name)]
public sealed class ActionTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string PackagesDone = "document.querySelector('#packages-result[data-kind=\"success\"]')";
    private const string SettingsFailed = "document.querySelector('#settings-result[data-kind=\"danger\"]')";
    private const string VerificationFailed = "document.querySelector('#verification-result[data-kind=\"danger\"]')";

    [Fact]
    public async Task Install_runs_dnf_for_the_hosts_kernel_and_the_panel_then_shows_the_new_state()
    {
        using var host = HostStates.ReadyToInstall();
        await using var panel = await PanelSession.StartAsync(browser, host, output);
        await panel.OpenAndSettleAsync();
        await panel.ScreenshotAsync("before-install");
        Assert.True(await panel.ExistsAsync("#packages-empty"));
        Assert.Contains($"{DnfLab.PatchName(DnfLab.Kernel362)}-1-2.el9_3", await panel.TextAsync("#updates-list"), StringComparison.Ordinal);

        // First what will happen (install --dry-run): nothing is installed until it is confirmed.
        await panel.PreviewAsync("#action-install");
        await panel.ScreenshotAsync("install-preview");
        Assert.Contains("install", await panel.TextAsync("#change-plan"), StringComparison.Ordinal);
        Assert.Contains($"kpatch-patch = {DnfLab.Kernel362}", await panel.TextAsync("#change-plan"), StringComparison.Ordinal);
        Assert.StartsWith($"{DnfLab.PatchName(DnfLab.Kernel362)}-1-2.el9_3 adds ", await panel.TextAsync("#change-packages li"), StringComparison.Ordinal);
        Assert.DoesNotContain(DnfLab.InstalledPackages(host.Root), p => p.StartsWith(DnfLab.PatchName(DnfLab.Kernel362), StringComparison.Ordinal));
        Assert.Equal("#change-preview-title", await panel.Page.FocusedAsync());

        await panel.Page.ClickAsync("#action-confirm-change");
        await panel.Page.WaitForAsync(PackagesDone, "the install to succeed", TimeSpan.FromMinutes(3));
        await panel.WaitUntilSettledAsync();
        await panel.ScreenshotAsync("after-install");
        // What dnf printed, streamed while it ran (install --json --progress), stays in the card's result.
        Assert.Contains(DnfLab.PatchName(DnfLab.Kernel362), await panel.TextAsync("#packages-printed"), StringComparison.Ordinal);
        // The Install button is gone: focus is on the outcome, in the card whose button was used.
        Assert.Equal("#packages-result", await panel.Page.FocusedAsync());

        // rpm's own view of the tree, then what the CLI computes from it: the panel must show exactly that.
        Assert.Contains($"{DnfLab.PatchName(DnfLab.Kernel362)}-1-2.el9_3.x86_64", DnfLab.InstalledPackages(host.Root));
        var cli = panel.CliReport();
        var verdict = cli.GetProperty("verdict");
        Assert.Equal(Words(verdict.GetProperty("state").GetString()!), await panel.TextAsync("#verdict-label"));
        Assert.Equal(verdict.GetProperty("summary").GetString(), await panel.TextAsync("#verdict-summary"));
        Assert.Equal(
            string.Join("", DnfLab.CvesOf(DnfLab.Packages.Single(p => p.Nevra == $"{DnfLab.PatchName(DnfLab.Kernel362)}-1-2.el9_3.x86_64"))),
            await panel.TextAsync($"#packages-table tr[data-package='{DnfLab.PatchName(DnfLab.Kernel362)}'] .ks-chips"));
        Assert.Equal(
            string.Join("", cli.GetProperty("status").GetProperty("coverage").GetProperty("installed_not_live").EnumerateArray().Select(c => c.GetString())),
            await panel.TextAsync("#cves-not-live"));
        Assert.Equal(("install", "succeeded"), (
            (await panel.Page.EvaluateAsync("document.querySelector('#journal-table tbody tr').dataset.operation")).GetString(),
            (await panel.Page.EvaluateAsync("document.querySelector('#journal-table tbody tr').dataset.outcome")).GetString()));
        Assert.False(await panel.ExistsAsync("#action-install"));
        panel.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task A_workflow_runs_dry_first_and_then_for_real_with_both_outputs_and_exit_codes_shown()
    {
        using var host = HostStates.Covered();
        await using var panel = await PanelSession.StartAsync(browser, host, output);
        await panel.OpenAndSettleAsync();
        var script = Path.Combine(host.Workflows, "status-report.csx");
        var hadReport = File.Exists(RootReport);
        try
        {
            await RunWorkflowAsync(panel, host, script);
        }
        finally
        {
            if (!hadReport)
            {
                File.Delete(RootReport); // ours; one that was there before is left alone
            }
        }
    }

    private const string RootReport = "/root/report.html";

    private static async Task RunWorkflowAsync(PanelSession panel, HostState host, string script)
    {
        await panel.Page.ClickAsync("button[data-action='dry-run'][data-workflow='status-report']");
        await panel.Page.WaitForAsync("document.querySelector('#action-run-confirm')", "the dry run to finish", TimeSpan.FromMinutes(3));
        var dryExit = (await panel.Page.EvaluateAsync("document.querySelector('#workflow-dry-run-output').dataset.exit")).GetString();
        await panel.Page.ClickAsync("#action-run-confirm");
        await panel.Page.WaitForAsync("document.querySelector('#workflow-run-output')", "the run to finish", TimeSpan.FromMinutes(3));
        await panel.WaitUntilSettledAsync();
        await panel.ScreenshotAsync("workflow");

        var direct = await ProcessHelper.ExecuteAsync([CliOnPath.Dotnet, CliOnPath.Dll, "run", script], host.Work,
            new Dictionary<string, string> { ["KPATCH_SCRIPT_CONFIG"] = host.Config, ["HOME"] = "/root" }, null, TimeSpan.FromMinutes(3));
        var shown = await panel.TextAsync("#workflow-run-output pre");
        Assert.Equal(direct.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture), dryExit);
        Assert.Equal($"exit {direct.ExitCode}", await panel.TextAsync("#workflow-run-output .ks-exit"));
        Assert.Contains("rhel92-web01", shown, StringComparison.Ordinal);
        // The workflow ran in the session user's home directory (root's, here): status-report.csx writes report.html there.
        Assert.Contains($"report: {RootReport}\n", shown + "\n", StringComparison.Ordinal);
        Assert.Equal($"kpatch-script run {script}, in /root", await panel.TextAsync("#workflow-directory"));
        Assert.Equal(FirstLine(direct.StandardOutput), FirstLine(shown));
        Assert.True(await panel.ExistsAsync("#workflow-dry-run-output pre"));
        // The dry run renders the report but writes no file.
        Assert.Contains($"dry run: would write the report to {RootReport}", await panel.TextAsync("#workflow-dry-run-output pre"), StringComparison.Ordinal);
        panel.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task Run_verification_now_shows_the_checks_of_a_new_verify()
    {
        using var host = HostStates.Stalled();
        await using var panel = await PanelSession.StartAsync(browser, host, output);
        await panel.OpenAndSettleAsync();
        Assert.StartsWith("From the report", await panel.TextAsync("#verification-source"), StringComparison.Ordinal);

        await panel.Page.ClickAsync("#action-verify");
        await panel.Page.WaitForAsync("document.querySelector('#verification-source')?.textContent.startsWith('Verified at')", "the verification to finish");

        // verify exits 2 (Nagios CRITICAL) for the stalled transition: an answer the panel shows, not an error.
        var verify = JsonDocument.Parse(CliOnPath.Run(host.Config, "verify", "--json")).RootElement;
        Assert.Equal("fail", verify.GetProperty("result").GetString());
        Assert.Equal(verify.GetProperty("result").GetString(), await panel.TextAsync("#verification-result"));
        Assert.Equal("fail", await panel.TextAsync("#checks-table tr[data-check='transition'] .ks-label"));
        Assert.False(await panel.ExistsAsync("#verification-result[data-kind='danger']"));
        panel.AssertNoBrowserProblems();
    }

    [Theory]
    [InlineData("covered")]
    [InlineData("update available")]
    public async Task Run_verification_now_puts_the_verdict_of_verify_in_the_verdict_card_and_it_is_the_reports(string scene)
    {
        using var host = scene == "covered" ? HostStates.Covered() : HostStates.UpdateAvailable();
        await using var panel = await PanelSession.StartAsync(browser, host, output);
        await panel.OpenAndSettleAsync();
        Assert.Equal("report", await VerdictSourceAsync(panel));
        var reportReasons = await ReasonCodesAsync(panel);

        await panel.Page.ClickAsync("#action-verify");
        await panel.Page.WaitForAsync("document.querySelector('#verdict')?.dataset.source === 'verify'", "the verdict of the verification");
        await panel.WaitUntilSettledAsync();
        await panel.ScreenshotAsync("verified");

        // One verdict on the page: verify's, exactly as the CLI prints it for this host (state, summary,
        // reasons), asked the same question as the report (with the updates): the report's reasons again.
        var verdict = JsonDocument.Parse(CliOnPath.Run(host.Config, "verify", "--json", "--check-updates")).RootElement.GetProperty("verdict");
        var verifyReasons = verdict.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()!).ToList();
        Assert.Equal(reportReasons, verifyReasons);
        Assert.Equal(scene == "covered" ? "covered" : "action needed", verdict.GetProperty("state").GetString());
        Assert.Equal(scene != "covered", verifyReasons.Contains("update-available"));
        Assert.Equal(Words(verdict.GetProperty("state").GetString()!), await panel.TextAsync("#verdict-label"));
        Assert.Equal(verdict.GetProperty("state").GetString(), (await panel.Page.EvaluateAsync("document.querySelector('#verdict').dataset.state")).GetString());
        Assert.Equal(verdict.GetProperty("summary").GetString(), await panel.TextAsync("#verdict-summary"));
        Assert.Equal(verifyReasons, await ReasonCodesAsync(panel));
        Assert.StartsWith("Verdict of the verification at ", await panel.TextAsync("#verdict-source"), StringComparison.Ordinal);
        Assert.StartsWith("Verified at ", await panel.TextAsync("#verification-source"), StringComparison.Ordinal);
        Assert.False(await panel.ExistsAsync("#verification-result[data-kind='danger']"));
        // The button is still there, so it keeps the focus; the outcome is shown in its card.
        Assert.Equal("#action-verify", await panel.Page.FocusedAsync());
        Assert.Equal(verdict.GetProperty("summary").GetString(), await panel.TextAsync("#verification-result .ks-alert__text"));
        panel.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task Run_verification_now_on_a_host_that_cannot_be_read_shows_an_error_not_a_verdict()
    {
        using var host = HostStates.Covered();
        await using var panel = await PanelSession.StartAsync(browser, host, output);
        await panel.OpenAndSettleAsync();

        // The tree stops looking like a host (no kernel release, no os-release): verify exits 3, Nagios UNKNOWN.
        File.Delete(Path.Combine(host.Root, "proc/sys/kernel/osrelease"));
        File.Delete(Path.Combine(host.Root, "etc/os-release"));
        await panel.Page.ClickAsync("#action-verify");
        await panel.Page.WaitForAsync(VerificationFailed, "the error to show");
        await panel.WaitUntilSettledAsync();
        await panel.ScreenshotAsync("verify-unknown");

        var direct = await ProcessHelper.ExecuteAsync([CliOnPath.Dotnet, CliOnPath.Dll, "verify", "--json"], host.Work,
            new Dictionary<string, string> { ["KPATCH_SCRIPT_CONFIG"] = host.Config, ["HOME"] = "/root" }, null, TimeSpan.FromMinutes(1));
        Assert.Equal((3, ""), (direct.ExitCode, direct.StandardOutput));
        Assert.Equal("kpatch-script verify could not read the host", await panel.TextAsync("#verification-result .ks-alert__title"));
        Assert.Equal(direct.StandardError.Trim(), await panel.TextAsync("#verification-result .ks-alert__text"));
        // The verdict on screen is still the report's: exit 3 is no verdict.
        Assert.Equal("report", await VerdictSourceAsync(panel));
        Assert.Equal("Covered", await panel.TextAsync("#verdict-label"));
        Assert.StartsWith("From the report", await panel.TextAsync("#verification-source"), StringComparison.Ordinal);
        panel.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task An_update_with_nothing_to_do_says_already_up_to_date_not_updated()
    {
        using var host = HostStates.UpdateAvailable();
        await using var panel = await PanelSession.StartAsync(browser, host, output);
        await panel.OpenAndSettleAsync();
        Assert.True(await panel.ExistsAsync("#action-update"));

        // Someone else (another admin, kpatch-dnf) installs the newest live patch after the page was drawn: dnf then has nothing to do.
        var newest = DnfLab.Packages.Where(p => p.Name == DnfLab.PatchName(DnfLab.Kernel284)).MaxBy(p => p.Release, StringComparer.Ordinal)!;
        DnfLab.InstallDirectly(host.Root, newest.Nevra);
        host.MakeReadable();
        await panel.PreviewAsync("#action-update");
        await panel.Page.ClickAsync("#action-confirm-change");
        await panel.Page.WaitForAsync("document.querySelector('#packages-result')", "the update to answer", TimeSpan.FromMinutes(3));
        await panel.WaitUntilSettledAsync();
        await panel.ScreenshotAsync("update-unchanged");

        var journal = JsonDocument.Parse(CliOnPath.Run(host.Config, "journal", "--json")).RootElement.GetProperty("entries")[0];
        Assert.Equal(("update", "unchanged"), (journal.GetProperty("operation").GetString(), journal.GetProperty("outcome").GetString()));
        var detail = journal.GetProperty("detail").GetString();
        Assert.Equal($"already up to date: {newest.Name} {newest.Version}-{newest.Release}", detail);
        Assert.Equal("info", (await panel.Page.EvaluateAsync("document.querySelector('#packages-result').dataset.kind")).GetString());
        Assert.Equal("Already up to date", await panel.TextAsync("#packages-result .ks-alert__title"));
        Assert.Equal($"update: nothing to do on {journal.GetProperty("target").GetString()}: {detail}", await panel.TextAsync("#packages-result .ks-alert__text"));
        Assert.Equal(0, (await panel.Page.EvaluateAsync("document.querySelectorAll('#notices .ks-alert').length")).GetInt32());
        Assert.Equal(("update", "unchanged"), (
            (await panel.Page.EvaluateAsync("document.querySelector('#journal-table tbody tr').dataset.operation")).GetString(),
            (await panel.Page.EvaluateAsync("document.querySelector('#journal-table tbody tr').dataset.outcome")).GetString()));
        // Nothing newer is offered now, so the button is gone.
        Assert.False(await panel.ExistsAsync("#action-update"));
        panel.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task A_failing_change_shows_the_CLI_message_inline()
    {
        // kpatch-dnf's plugin is in the tree, but this machine's dnf has no "kpatch" command: the real dnf error.
        using var host = HostStates.UpdateAvailable();
        await using var panel = await PanelSession.StartAsync(browser, host, output);
        await panel.OpenAndSettleAsync();

        await panel.PreviewAsync("#action-auto-update");
        Assert.EndsWith("kpatch auto", await panel.TextAsync("#change-plan li"), StringComparison.Ordinal);
        await panel.Page.ClickAsync("#action-confirm-change");
        await panel.Page.WaitForAsync(SettingsFailed, "the failure to show", TimeSpan.FromMinutes(2));
        await panel.WaitUntilSettledAsync();
        await panel.ScreenshotAsync("change-failed");

        var journal = JsonDocument.Parse(CliOnPath.Run(host.Config, "journal", "--json")).RootElement.GetProperty("entries")[0];
        Assert.Equal(("auto-update on", "failed"), (journal.GetProperty("operation").GetString(), journal.GetProperty("outcome").GetString()));
        Assert.Equal("kpatch-script auto-update on failed", await panel.TextAsync("#settings-result .ks-alert__title"));
        Assert.Equal($"kpatch-script: error: {journal.GetProperty("error").GetString()}", await panel.TextAsync("#settings-result .ks-alert__text"));
        Assert.Equal("failed", (await panel.Page.EvaluateAsync("document.querySelector('#journal-table tbody tr').dataset.outcome")).GetString());
        panel.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task Apply_for_the_current_kernel_only_runs_cockpits_choice_through_the_CLI()
    {
        // Cockpit's "for current kernel only": dnf kpatch manual, then the running kernel's patch, then kpatch.service.
        // This machine's dnf has no "kpatch" command, so the first step fails for real; the journal holds the whole plan.
        using var host = HostStates.UpdateAvailable();
        await using var panel = await PanelSession.StartAsync(browser, host, output);
        await panel.OpenAndSettleAsync();
        Assert.Equal("Apply for current and future kernels", await panel.TextAsync("#action-auto-update"));

        await panel.PreviewAsync("#action-auto-update-current");
        await panel.Page.ClickAsync("#action-confirm-change");
        await panel.Page.WaitForAsync(SettingsFailed, "the failure to show", TimeSpan.FromMinutes(2));
        await panel.WaitUntilSettledAsync();

        var journal = JsonDocument.Parse(CliOnPath.Run(host.Config, "journal", "--json")).RootElement.GetProperty("entries")[0];
        Assert.Equal(("auto-update on", "failed"), (journal.GetProperty("operation").GetString(), journal.GetProperty("outcome").GetString()));
        var commands = journal.GetProperty("commands").EnumerateArray().Select(c => string.Join(' ', c.EnumerateArray().Select(a => a.GetString()))).ToList();
        Assert.Contains(commands, c => c.EndsWith("kpatch manual", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains(" install ", StringComparison.Ordinal) && c.Contains("kpatch-patch = ", StringComparison.Ordinal));
        Assert.DoesNotContain(commands, c => c.EndsWith("kpatch auto", StringComparison.Ordinal));
        Assert.Equal("kpatch-script auto-update on failed", await panel.TextAsync("#settings-result .ks-alert__title"));
        panel.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task Without_kpatch_dnf_applying_live_patches_first_installs_kpatch_and_kpatch_dnf_as_cockpit_does()
    {
        using var host = HostStates.Covered();
        await using var panel = await PanelSession.StartAsync(browser, host, output);
        await panel.OpenAndSettleAsync();
        Assert.StartsWith("Off: kpatch-dnf is not installed", await panel.TextAsync("#auto-update-state"), StringComparison.Ordinal);

        await panel.PreviewAsync("#action-auto-update");
        await panel.ScreenshotAsync("auto-update-preview");

        // The CLI's own plan (auto-update on --dry-run), step by step: the install, kpatch-dnf's switch, kpatch.service.
        var planned = JsonDocument.Parse(CliOnPath.Run(host.Config, "auto-update", "on", "--kernels", "all", "--dry-run", "--json")).RootElement;
        var commands = planned.GetProperty("commands").EnumerateArray().Select(c => string.Join(' ', c.EnumerateArray().Select(a => a.GetString()))).ToList();
        Assert.EndsWith("install kpatch kpatch-dnf", commands[0], StringComparison.Ordinal);
        Assert.EndsWith("kpatch auto", commands[1], StringComparison.Ordinal);
        var shown = (await panel.Page.EvaluateAsync("[...document.querySelectorAll('#change-plan li')].map(li => li.textContent)")).EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(commands, shown);

        // Cancel: nothing ran (no journal record), and the page is as it was.
        await panel.Page.ClickAsync("#action-cancel-change");
        await panel.Page.WaitForAsync("!document.querySelector('#change')", "the preview to close");
        Assert.Equal(0, JsonDocument.Parse(CliOnPath.Run(host.Config, "journal", "--json")).RootElement.GetProperty("total").GetInt32());
        panel.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task Open_HTML_report_shows_the_CLI_report_of_the_host_in_a_new_window()
    {
        using var host = HostStates.Covered();
        await using var panel = await PanelSession.StartAsync(browser, host, output);
        await panel.OpenAndSettleAsync();

        await panel.Page.ClickAsync("#action-report");
        await using var report = await browser.Browser.AttachToOpenedPageAsync(panel.Page, TimeSpan.FromMinutes(1));
        await report.WaitForAsync("document.querySelector('section.verdict')", "the report to render");
        await report.ScreenshotAsync(Path.Combine(BrowserFixture.Screenshots, "report.png"));
        output.WriteLine($"screenshot: {Path.Combine(BrowserFixture.Screenshots, "report.png")}");

        Assert.Equal("Live patching report: rhel92-web01", (await report.EvaluateAsync("document.title")).GetString());
        Assert.Equal("Covered", (await report.EvaluateAsync("document.querySelector('section.verdict h2').textContent")).GetString());
        // The report's own stylesheet applies (a self-contained page, not under the panel's CSP).
        Assert.Equal("1152px", (await report.EvaluateAsync("getComputedStyle(document.body).maxWidth")).GetString());
        Assert.Empty(report.Problems);
        panel.AssertNoBrowserProblems();
    }

    private static async Task<string> VerdictSourceAsync(PanelSession panel) =>
        (await panel.Page.EvaluateAsync("document.querySelector('#verdict').dataset.source")).GetString()!;

    private static async Task<List<string>> ReasonCodesAsync(PanelSession panel) =>
        (await panel.Page.EvaluateAsync("[...document.querySelectorAll('#verdict-reasons li')].map(li => li.dataset.code)"))
            .EnumerateArray().Select(c => c.GetString()!).ToList();

    private static string Words(string state) => state switch
    {
        "covered" => "Covered",
        "action needed" => "Action needed",
        _ => "Not covered",
    };

    private static string FirstLine(string text) => text.Split('\n')[0];
}
