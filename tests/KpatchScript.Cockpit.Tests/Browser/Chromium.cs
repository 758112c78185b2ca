using System.Diagnostics;
using System.Text.Json.Nodes;

namespace KpatchScript.Cockpit.Tests.Browser;

/// <summary>
/// Debian's chromium, headless, with its own profile directory; DevTools on a port it picks
/// (read from DevToolsActivePort). Each page gets its own browser context: no cookies or
/// localStorage (Cockpit's theme choice) leak from one test into the next.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly Process _process;
    private readonly string _profile;

    private Chromium(Process process, string profile, CdpConnection connection)
    {
        _process = process;
        _profile = profile;
        Connection = connection;
    }

    public CdpConnection Connection { get; }

    public static async Task<Chromium> StartAsync()
    {
        Prerequisites.Require(Executable, "chromium");
        var profile = Directory.CreateTempSubdirectory("kps-chromium-").FullName;
        var startInfo = new ProcessStartInfo(Executable) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[]
                 {
                     "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
                     $"--user-data-dir={profile}", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank",
                 })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo)!;
        var log = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var portFile = Path.Combine(profile, "DevToolsActivePort");
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(portFile) || File.ReadAllLines(portFile).Length < 2)
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                lock (log)
                {
                    throw new InvalidOperationException($"chromium did not open its DevTools port within 30 s (exited: {process.HasExited}): {log}");
                }
            }

            await Task.Delay(50);
        }

        var lines = File.ReadAllLines(portFile);
        var connection = await CdpConnection.ConnectAsync(new Uri($"ws://127.0.0.1:{lines[0].Trim()}{lines[1].Trim()}"), CancellationToken.None);
        return new Chromium(process, profile, connection);
    }

    /// <summary>A new tab in a new browser context, attached, with Page, Runtime and Log events on.</summary>
    public async Task<BrowserPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = (await Connection.SendAsync("Target.createBrowserContext", new JsonObject { ["disposeOnDetach"] = true })).GetProperty("browserContextId").GetString()!;
        var target = (await Connection.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank", ["browserContextId"] = context })).GetProperty("targetId").GetString()!;
        var session = (await Connection.SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target, ["flatten"] = true })).GetProperty("sessionId").GetString()!;
        var page = new BrowserPage(this, context, target, session);
        await page.InitializeAsync(width, height);
        return page;
    }

    /// <summary>Waits for a tab that <paramref name="opener"/> opened (window.open) and attaches to it; closing it closes only that tab.</summary>
    public async Task<BrowserPage> AttachToOpenedPageAsync(BrowserPage opener, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var targets = await Connection.SendAsync("Target.getTargets");
            var found = targets.GetProperty("targetInfos").EnumerateArray()
                .FirstOrDefault(t => t.GetProperty("type").GetString() == "page" && t.TryGetProperty("openerId", out var o) && o.GetString() == opener.TargetId);
            if (found.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                var target = found.GetProperty("targetId").GetString()!;
                var session = (await Connection.SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target, ["flatten"] = true })).GetProperty("sessionId").GetString()!;
                var page = new BrowserPage(this, context: null, target, session);
                await page.SendAsync("Runtime.enable");
                return page;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"the page opened no tab within {timeout.TotalSeconds:0} s; pages: {targets.GetRawText()}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Connection.SendAsync("Browser.close", timeout: TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            // already gone: killed below
        }

        await Connection.DisposeAsync();
        if (!_process.WaitForExit(5000))
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_profile, recursive: true);
    }
}
