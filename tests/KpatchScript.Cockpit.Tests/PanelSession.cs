using System.Globalization;
using System.Text.Json;
using KpatchScript.Cockpit.Tests.Browser;
using KpatchScript.TestFixtures;
using Xunit.Abstractions;

namespace KpatchScript.Cockpit.Tests;

/// <summary>
/// A browser session on the panel: the package installed by src/cockpit/install into the host
/// state's XDG_DATA_HOME, kpatch-script on the bridge's PATH (or not), a fresh cockpit-ws as root
/// (admin) or as nobody (read only), and a new browser page.
/// </summary>
internal sealed class PanelSession : IAsyncDisposable
{
    public const string ReadOnlyUser = "nobody";

    private readonly ITestOutputHelper _output;

    private PanelSession(CockpitServer server, BrowserPage page, HostState host, ITestOutputHelper output)
    {
        Server = server;
        Page = page;
        Host = host;
        _output = output;
    }

    public CockpitServer Server { get; }

    public BrowserPage Page { get; }

    public HostState Host { get; }

    /// <summary>The installed package's directory (po.LANG.js translations go here).</summary>
    public string PackageDirectory => Path.Combine(Host.Work, "data", "cockpit", "kpatch-script");

    /// <summary>
    /// Makes the kpatch-script on the bridge's PATH run <paramref name="shell"/> (/bin/sh) instead of the
    /// real CLI when its arguments start with <paramref name="verb"/>; every other call is the real CLI's.
    /// </summary>
    public void Intercept(string verb, string shell) => Intercept(Host, verb, shell);

    /// <summary>The same for the kpatch-script on the PATH of <paramref name="host"/>'s server (StartServerAsync).</summary>
    public static void Intercept(HostState host, string verb, string shell)
    {
        var wrapper = Path.Combine(host.Work, "bin", "kpatch-script");
        var real = File.ReadAllText(wrapper);
        File.WriteAllText(wrapper, real.Replace("exec ", $"if [ \"$1\" = {verb} ]; then\n{shell}\nfi\nexec ", StringComparison.Ordinal));
    }

    /// <summary>The panel alone, without the shell around it.</summary>
    public string PanelUrl => Server.Url("/cockpit/@localhost/kpatch-script/index.html");

    // manifestOverride: an override of the panel's manifest, as an admin writes
    // /etc/cockpit/kpatch-script.override.json (written before cockpit-ws starts its bridge, which reads it).
    public static async Task<PanelSession> StartAsync(BrowserFixture browser, HostState host, ITestOutputHelper output, string? user = null, bool cliOnPath = true, string? manifestOverride = null)
    {
        var server = await StartServerAsync(host, user, cliOnPath, manifestOverride);
        try
        {
            return new PanelSession(server, await browser.Browser.NewPageAsync(), host, output);
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The panel installed for <paramref name="host"/> and a fresh cockpit-ws serving it (a new
    /// session: its bridge starts with the first page). <paramref name="cliDll"/>: the kpatch-script
    /// the bridge runs (default: the one built with these tests).
    /// </summary>
    public static async Task<CockpitServer> StartServerAsync(HostState host, string? user = null, bool cliOnPath = true, string? manifestOverride = null, string? cliDll = null)
    {
        if (manifestOverride is not null)
        {
            var overrides = Directory.CreateDirectory(Path.Combine(host.Work, "config-dirs", "cockpit")).FullName;
            File.WriteAllText(Path.Combine(overrides, "kpatch-script.override.json"), manifestOverride);
        }

        var data = Path.Combine(host.Work, "data");
        var install = await ProcessHelper.ExecuteAsync(["bash", RepositoryPaths.Combine("src", "cockpit", "install"), "--user"], host.Work,
            new Dictionary<string, string> { ["XDG_DATA_HOME"] = data }, null, TimeSpan.FromSeconds(30));
        Assert.True(install.Succeeded, install.StandardError);
        var bin = KpatchScriptOnPath.Create(host.Work, cliDll);
        var home = "/root";
        if (user is not null)
        {
            home = Directory.CreateDirectory(Path.Combine(host.Work, "home")).FullName;
            ProcessHelper.Run("chown", $"{user}:", home);
        }

        host.MakeReadable();
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = (cliOnPath ? bin + ":" : "") + "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ["HOME"] = home,
            ["XDG_CACHE_HOME"] = Path.Combine(home, ".cache"),
            ["XDG_DATA_HOME"] = data,
            // Where the bridge looks for package overrides (DIR/cockpit/kpatch-script.override.json) instead of /etc.
            ["XDG_CONFIG_DIRS"] = Path.Combine(host.Work, "config-dirs"),
            ["KPATCH_SCRIPT_CONFIG"] = host.Config,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        return CockpitServer.Start(user, user is null ? host.Work : home, environment);
    }

    public Task OpenAsync() => Page.NavigateAsync(PanelUrl);

    /// <summary>
    /// Opens the panel and waits until everything has loaded; with <paramref name="timing"/>,
    /// records the time to the verdict under that name and returns it (ms).
    /// </summary>
    public async Task<double?> OpenAndSettleAsync(string? timing = null)
    {
        await OpenAsync();
        await WaitForVerdictAsync();
        var toVerdict = timing is null ? (double?)null : await RecordVerdictTimeAsync(timing);
        await WaitUntilSettledAsync();
        return toVerdict;
    }

    public Task WaitForVerdictAsync() => Page.WaitForAsync("document.querySelector('#verdict-label')", "the verdict");

    /// <summary>Until the follow-up calls are done: updates checked (or failed), workflows listed, no kpatch-script call running.</summary>
    public Task WaitUntilSettledAsync(TimeSpan? timeout = null) => Page.WaitForAsync(
        "document.querySelector('#verdict-label') && ['checked', 'error'].includes(document.querySelector('#app').dataset.updates)" +
        " && document.querySelector('#workflows-list, #workflows-empty, #workflows-error') && document.documentElement.dataset.pending === '0'",
        "the update check and the workflow list", timeout ?? TimeSpan.FromSeconds(90));

    public async Task<string> TextAsync(string selector) =>
        await Page.TextAsync(selector) ?? throw new Xunit.Sdk.XunitException($"the panel has no {selector}");

    public async Task<bool> ExistsAsync(string selector) =>
        (await Page.EvaluateAsync($"document.querySelector({BrowserPage.Js(selector)}) !== null")).GetBoolean();

    /// <summary>Presses a change's button and waits for its preview (what the dry run says will run) to show.</summary>
    public async Task PreviewAsync(string button)
    {
        await Page.ClickAsync(button);
        await Page.WaitForAsync("document.querySelector('#action-confirm-change')", $"the preview of {button}", TimeSpan.FromMinutes(2));
    }

    /// <summary>Writes screenshots/NAME.png and says where.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(BrowserFixture.Screenshots, name + ".png");
        await Page.ScreenshotAsync(path);
        _output.WriteLine($"screenshot: {path}");
        return path;
    }

    /// <summary>
    /// Notes the page-load-to-verdict time (ms from the panel's navigation start to the verdict on
    /// screen, as the panel recorded it with performance.now(); <paramref name="window"/>: the panel's
    /// window, e.g. the shell's frame) in the output and in screenshots/timings.txt.
    /// </summary>
    public async Task<double> RecordVerdictTimeAsync(string state, string window = "window")
    {
        var t = await Page.EvaluateAsync($"{window}.kpatchScriptPanel.timings");
        var milliseconds = t.GetProperty("verdictShown").GetDouble();
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{state}: page load to verdict {milliseconds:0} ms (panel script running at {t.GetProperty("script").GetDouble():0} ms, kpatch-script report asked at {t.GetProperty("reportAsked").GetDouble():0} ms, answered at {t.GetProperty("reportAnswered").GetDouble():0} ms)");
        _output.WriteLine(line);
        Directory.CreateDirectory(BrowserFixture.Screenshots);
        File.AppendAllText(Path.Combine(BrowserFixture.Screenshots, "timings.txt"), $"{DateTime.UtcNow:O} {line}\n");
        return milliseconds;
    }

    /// <summary>What the CLI itself says about this host (the panel must agree with it).</summary>
    public JsonElement CliReport(bool checkUpdates = true) =>
        JsonDocument.Parse(CliOnPath.Run(Host.Config, checkUpdates ? ["report", "--format", "json", "--check-updates"] : ["report", "--format", "json"])).RootElement.Clone();

    /// <summary>No CSP violation, console error or uncaught exception in the page.</summary>
    public void AssertNoBrowserProblems()
    {
        var problems = Page.Problems;
        Assert.True(problems.Count == 0, "the page reported problems:\n" + string.Join("\n", problems));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Page.DisposeAsync();
        }
        finally
        {
            _output.WriteLine("cockpit-ws log:\n" + Server.LogText);
            Server.Dispose();
        }
    }
}
