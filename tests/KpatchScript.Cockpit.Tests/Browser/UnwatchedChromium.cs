using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace KpatchScript.Cockpit.Tests.Browser;

/// <summary>
/// Debian's chromium, headless, with no driver attached while a page loads: for timing page loads
/// as an admin's browser sees them. Playwright keeps DevTools instrumentation on in every page it
/// drives (network events, its utility worlds, auto-attaching targets); on this 2-core machine
/// kind that made a cold session's first <c>kpatch-script report</c> take 1.6 s instead of 0.46 s
/// for the same CPU (tests/benchmarks/README.md, "The browser driver counts"). So tabs are opened
/// and closed through chromium's DevTools HTTP endpoint (<c>/json/new</c>, <c>/json/close</c>: no
/// session with the page), and Playwright connects over CDP only after the page says it is done,
/// to read what the page measured itself (<c>performance.now()</c>), then disconnects.
/// </summary>
internal sealed class UnwatchedChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Uri _endpoint;

    private UnwatchedChromium(Process process, string profile, int port)
    {
        _process = process;
        _profile = profile;
        _endpoint = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>A new chromium with a new, empty profile (nothing cached: a cold browser).</summary>
    public static async Task<UnwatchedChromium> StartAsync()
    {
        Prerequisites.Require(Chromium.Executable, "chromium");
        var profile = Directory.CreateTempSubdirectory("kps-chromium.").FullName;
        var startInfo = new ProcessStartInfo(Chromium.Executable) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        // The switches Playwright gives chromium that change how a page loads (no first run, sync,
        // background networking, GPU or QUIC; as root no sandbox), so the figures compare with the other tests'.
        foreach (var argument in new[]
                 {
                     "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-dev-shm-usage",
                     "--no-first-run", "--no-default-browser-check", "--disable-sync", "--disable-background-networking",
                     "--disable-component-update", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
                     $"--window-size={Chromium.Width},{Chromium.Height}", $"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank",
                 })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new UnwatchedChromium(process, profile, await PortAsync(process, profile));
        }
        catch
        {
            Stop(process);
            Directory.Delete(profile, recursive: true);
            throw;
        }
    }

    /// <summary>Chromium writes the port it chose (--remote-debugging-port=0) to DevToolsActivePort in its profile.</summary>
    private static async Task<int> PortAsync(Process process, string profile)
    {
        var file = Path.Combine(profile, "DevToolsActivePort");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Chromium.Executable} exited with {process.ExitCode} before it opened its DevTools port");
            }

            if (File.Exists(file) && File.ReadAllLines(file) is [var port, ..] && int.TryParse(port, out var number))
            {
                return number;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{Chromium.Executable} did not write {file} within 60 s");
    }

    /// <summary>Opens <paramref name="url"/> in a new tab; returns the tab's id.</summary>
    public async Task<string> OpenAsync(string url)
    {
        using var response = await _http.PutAsync(new Uri(_endpoint, "/json/new?" + url), content: null);
        response.EnsureSuccessStatusCode();
        var target = await response.Content.ReadFromJsonAsync<JsonElement>();
        return target.GetProperty("id").GetString() ?? throw new InvalidOperationException("chromium's /json/new answered without an id");
    }

    public async Task CloseAsync(string tab)
    {
        using var response = await _http.GetAsync(new Uri(_endpoint, "/json/close/" + tab));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Connects to the browser, waits in the tab whose URL is <paramref name="url"/> (in its frame
    /// named <paramref name="frame"/>, if given) until <paramref name="expression"/> is truthy,
    /// returns its value, and disconnects (the browser and its tabs stay).
    /// </summary>
    public Task<JsonElement> ReadAsync(string url, string? frame, string expression, TimeSpan timeout) => ConnectedAsync(async browser =>
    {
        var page = browser.Contexts.SelectMany(c => c.Pages).FirstOrDefault(p => p.Url == url)
            ?? throw new InvalidOperationException($"no tab shows {url}; tabs: {string.Join(", ", browser.Contexts.SelectMany(c => c.Pages).Select(p => p.Url))}");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var target = frame is null ? page.MainFrame : page.Frames.FirstOrDefault(f => f.Name == frame);
            if (target is not null)
            {
                var value = await target.EvaluateAsync<JsonElement>($"(() => {{ try {{ return {expression}; }} catch (e) {{ return null; }} }})()");
                if (value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.False))
                {
                    return value;
                }
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"{expression} was not true in {url}{(frame is null ? "" : $" (frame {frame})")} within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(100);
        }
    });

    /// <summary>What every tab shows (URL and text), for a failure message.</summary>
    public Task<string> DescribeTabsAsync() => ConnectedAsync(async browser =>
    {
        var tabs = new List<string>();
        foreach (var page in browser.Contexts.SelectMany(c => c.Pages))
        {
            tabs.Add($"{page.Url}: {await page.EvaluateAsync<string>("document.body ? document.body.innerText : '(no body)'")}");
        }

        return string.Join("\n", tabs);
    });

    /// <summary>Connects Playwright over CDP for <paramref name="use"/>, then disconnects: the browser and its tabs stay.</summary>
    private async Task<T> ConnectedAsync<T>(Func<IBrowser, Task<T>> use)
    {
        using var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.ConnectOverCDPAsync(_endpoint.ToString());
        try
        {
            return await use(browser);
        }
        finally
        {
            await browser.CloseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        Stop(_process);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_profile, recursive: true);
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
