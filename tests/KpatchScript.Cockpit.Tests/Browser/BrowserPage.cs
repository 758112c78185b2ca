using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Playwright;

namespace KpatchScript.Cockpit.Tests.Browser;

/// <summary>
/// One tab, through Playwright: navigate, evaluate JavaScript, wait for a condition by polling it
/// (WebSocket replies do not count for the browser's own "loaded"), click and type like a person
/// does, take screenshots, scan with axe-core (BrowserPage.Accessibility.cs). The page's problems
/// are kept: console errors and warnings, browser log entries (CSP violations and failed loads;
/// Playwright reports chromium's log entries as console messages), uncaught exceptions, a crash.
/// </summary>
internal sealed partial class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext? _context; // null: a tab another page opened, in that page's context
    private readonly List<string> _problems = [];
    private readonly Channel<BrowserPage> _opened = Channel.CreateUnbounded<BrowserPage>();

    internal BrowserPage(IPage page, IBrowserContext? context)
    {
        Raw = page;
        _context = context;
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning" or "assert")
            {
                Problem($"console.{message.Type}: {message.Text}" + (message.Location.StartsWith(':') ? "" : " " + message.Location)); // ":line:col" without a URL says nothing
            }
        };
        page.PageError += (_, error) => Problem($"exception: {error}");
        page.Crash += (_, _) => Problem("the page crashed");
        // Wrapped at once, so that nothing the new tab logs while it loads is missed; taken by OpenedPageAsync.
        page.Popup += (_, popup) => _opened.Writer.TryWrite(new BrowserPage(popup, context: null));
    }

    /// <summary>The Playwright page, for what this class does not offer.</summary>
    public IPage Raw { get; }

    /// <summary>Console errors and warnings, uncaught exceptions and browser log errors so far.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems)
            {
                return [.. _problems];
            }
        }
    }

    public async Task NavigateAsync(string url)
    {
        try
        {
            await Raw.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 20_000 });
        }
        catch (PlaywrightException ex)
        {
            throw new InvalidOperationException($"navigating to {url} failed: {ex.Message}", ex);
        }
    }

    /// <summary>Evaluates <paramref name="expression"/> (statements too: the last one's value; awaiting a promise) and returns its value as JSON.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        try
        {
            return await Raw.EvaluateAsync<JsonElement?>(expression) ?? default;
        }
        catch (PlaywrightException ex)
        {
            throw new InvalidOperationException($"JavaScript failed: {ex.Message}\n  in: {expression}", ex);
        }
    }

    public async Task<string?> TextAsync(string selector)
    {
        var value = await EvaluateAsync($"document.querySelector({Js(selector)})?.textContent ?? null");
        return value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary>
    /// Polls <paramref name="condition"/> every 50 ms until it is truthy (an exception counts as
    /// false); on timeout, fails naming what was awaited and what the page showed. The polling runs
    /// in the page, a second at a time: one call through Playwright's driver a second rather than
    /// twenty, which would compete for the CPU with the page and the bridge being measured.
    /// </summary>
    public async Task WaitForAsync(string condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var slice = Math.Clamp((limit - clock.Elapsed).TotalMilliseconds, 0, 1000);
            try
            {
                var value = await EvaluateAsync(string.Create(CultureInfo.InvariantCulture, $$"""
                    new Promise(resolve => {
                        const until = performance.now() + {{slice:0}};
                        const poll = () => {
                            let met = false;
                            try { met = Boolean({{condition}}
                            ); } catch { }
                            if (met || performance.now() >= until) resolve(met); else setTimeout(poll, 50);
                        };
                        poll();
                    })
                    """));
                if (value.ValueKind == JsonValueKind.True)
                {
                    return;
                }
            }
            catch (InvalidOperationException) when (clock.Elapsed < limit)
            {
                // the document is being replaced (navigation): try again
                await Task.Delay(50);
            }

            if (clock.Elapsed > limit)
            {
                var shown = await EvaluateAsync("document.body ? document.body.innerText.slice(0, 3000) : '(no body)'");
                throw new TimeoutException($"waited {limit.TotalSeconds:0} s for {what}; the page shows:\n{shown}\nbrowser problems: {string.Join("\n", Problems)}");
            }
        }
    }

    /// <summary>
    /// Clicks the middle of the first element that matches, with the mouse, as a person does; an
    /// enabled one once Playwright finds it visible, stable and not covered. A disabled control is
    /// clicked all the same (Playwright would wait for it to become enabled): the browser ignores
    /// that click, as it does a person's.
    /// </summary>
    public async Task ClickAsync(string selector)
    {
        var element = Raw.Locator(selector).First;
        await element.ClickAsync(new LocatorClickOptions { Force = await element.IsDisabledAsync() });
    }

    /// <summary>Presses a key, with the modifiers named before it: "Tab", "Shift+Tab", "Enter", "Space", "Escape".</summary>
    public Task PressAsync(string key) => Raw.Keyboard.PressAsync(key);

    /// <summary>
    /// What has the focus (document.activeElement): "#id", else "tag[data-action=...]" (with
    /// data-workflow when it has one), else "tag: its text"; "body" when nothing has it.
    /// </summary>
    public async Task<string> FocusedAsync() => (await EvaluateAsync("""
        (() => {
            const e = document.activeElement;
            if (!e || e === document.body) return "body";
            if (e.id) return "#" + e.id;
            const tag = e.tagName.toLowerCase();
            if (e.dataset.action)
                return tag + "[data-action=" + e.dataset.action + "]" + (e.dataset.workflow ? "[data-workflow=" + e.dataset.workflow + "]" : "");
            return tag + ": " + (e.textContent || "").trim().replace(/\s+/g, " ").slice(0, 80);
        })()
        """)).GetString()!;

    public Task SetViewportAsync(int width, int height) => Raw.SetViewportSizeAsync(width, height);

    /// <summary>Follows the system dark theme (prefers-color-scheme), as Cockpit's "auto" style does.</summary>
    public Task EmulateDarkAsync() => Raw.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Dark });

    /// <summary>A PNG of the whole page (not only the viewport).</summary>
    public async Task ScreenshotAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await Raw.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
    }

    /// <summary>A JavaScript string literal.</summary>
    public static string Js(string text) => JsonSerializer.Serialize(text);

    /// <summary>The tab this page opened (window.open), as soon as it opens, or the first one it has opened.</summary>
    internal async Task<BrowserPage> OpenedPageAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            return await _opened.Reader.ReadAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the page opened no tab within {timeout.TotalSeconds:0} s; tabs: {string.Join(", ", Raw.Context.Pages.Select(p => p.Url))}");
        }
    }

    private void Problem(string text)
    {
        lock (_problems)
        {
            _problems.Add(text);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_context is not null)
            {
                await _context.CloseAsync();
            }
            else
            {
                await Raw.CloseAsync();
            }
        }
        catch (PlaywrightException)
        {
            // the browser is gone already
        }
    }
}
