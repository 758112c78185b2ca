using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KpatchScript.Cockpit.Tests.Browser;

/// <summary>
/// One tab: navigate, evaluate JavaScript, wait for a condition by polling it (WebSocket replies
/// do not count for chromium's own "loaded"), click like a mouse does, take screenshots. Console
/// errors, uncaught exceptions and browser log entries (CSP violations among them) are kept.
/// </summary>
internal sealed class BrowserPage : IAsyncDisposable
{
    private readonly Chromium _browser;
    private readonly string? _context; // null: a tab another page opened, in that page's context
    private readonly List<string> _problems = [];

    internal BrowserPage(Chromium browser, string? context, string targetId, string sessionId)
    {
        _browser = browser;
        _context = context;
        TargetId = targetId;
        SessionId = sessionId;
        _browser.Connection.EventReceived += OnEvent;
    }

    public string TargetId { get; }

    public string SessionId { get; }

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

    internal async Task InitializeAsync(int width, int height)
    {
        await SendAsync("Page.enable");
        await SendAsync("Runtime.enable");
        await SendAsync("Log.enable");
        await SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false });
    }

    public Task<JsonElement> SendAsync(string method, JsonObject? parameters = null) => _browser.Connection.SendAsync(method, parameters, SessionId);

    public async Task NavigateAsync(string url)
    {
        var result = await SendAsync("Page.navigate", new JsonObject { ["url"] = url });
        if (result.TryGetProperty("errorText", out var error) && error.GetString() is { Length: > 0 } text)
        {
            throw new InvalidOperationException($"navigating to {url} failed: {text}");
        }

        await WaitForAsync("document.readyState === 'complete' && location.href !== 'about:blank'", $"{url} to load", TimeSpan.FromSeconds(20));
    }

    /// <summary>Evaluates <paramref name="expression"/> (awaiting a promise) and returns its value as JSON.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result.TryGetProperty("exceptionDetails", out var exception))
        {
            var description = exception.TryGetProperty("exception", out var e) && e.TryGetProperty("description", out var d) ? d.GetString() : exception.GetRawText();
            throw new InvalidOperationException($"JavaScript failed: {description}\n  in: {expression}");
        }

        var value = result.GetProperty("result");
        return value.TryGetProperty("value", out var v) ? v.Clone() : default;
    }

    public async Task<string?> TextAsync(string selector)
    {
        var value = await EvaluateAsync($"document.querySelector({Js(selector)})?.textContent ?? null");
        return value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary>Polls <paramref name="condition"/> until it is truthy; on timeout, fails naming what was awaited and what the page showed.</summary>
    public async Task WaitForAsync(string condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var value = await EvaluateAsync($"Boolean({condition})");
                if (value.ValueKind == JsonValueKind.True)
                {
                    return;
                }
            }
            catch (InvalidOperationException) when (clock.Elapsed < limit)
            {
                // the document is being replaced (navigation): try again
            }

            if (clock.Elapsed > limit)
            {
                var shown = await EvaluateAsync("document.body ? document.body.innerText.slice(0, 3000) : '(no body)'");
                throw new TimeoutException($"waited {limit.TotalSeconds:0} s for {what}; the page shows:\n{shown}\nbrowser problems: {string.Join("\n", Problems)}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Clicks the middle of the element like a mouse: a disabled button stays unclicked, as for a person.</summary>
    public async Task ClickAsync(string selector)
    {
        var box = await EvaluateAsync($$"""
            (() => {
                const e = document.querySelector({{Js(selector)}});
                if (!e) throw new Error("no element matches " + {{Js(selector)}});
                e.scrollIntoView({ block: "center" });
                const r = e.getBoundingClientRect();
                return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
            })()
            """);
        foreach (var type in new[] { "mouseMoved", "mousePressed", "mouseReleased" })
        {
            await SendAsync("Input.dispatchMouseEvent", new JsonObject
            {
                ["type"] = type, ["x"] = box.GetProperty("x").GetDouble(), ["y"] = box.GetProperty("y").GetDouble(), ["button"] = "left", ["clickCount"] = 1,
            });
        }
    }

    /// <summary>Follows the system dark theme (prefers-color-scheme), as Cockpit's "auto" style does.</summary>
    public Task EmulateDarkAsync() =>
        SendAsync("Emulation.setEmulatedMedia", new JsonObject { ["features"] = new JsonArray(new JsonObject { ["name"] = "prefers-color-scheme", ["value"] = "dark" }) });

    /// <summary>A PNG of the whole page (not only the viewport).</summary>
    public async Task ScreenshotAsync(string path)
    {
        var metrics = await SendAsync("Page.getLayoutMetrics");
        var size = metrics.GetProperty("cssContentSize");
        var shot = await SendAsync("Page.captureScreenshot", new JsonObject
        {
            ["format"] = "png",
            ["captureBeyondViewport"] = true,
            ["clip"] = new JsonObject { ["x"] = 0, ["y"] = 0, ["width"] = size.GetProperty("width").GetDouble(), ["height"] = size.GetProperty("height").GetDouble(), ["scale"] = 1 },
        });
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(shot.GetProperty("data").GetString()!));
    }

    /// <summary>A JavaScript string literal.</summary>
    public static string Js(string text) => JsonSerializer.Serialize(text);

    private void OnEvent(string method, JsonElement parameters, string? session)
    {
        if (session != SessionId)
        {
            return;
        }

        var problem = method switch
        {
            "Runtime.exceptionThrown" => "exception: " + parameters.GetProperty("exceptionDetails").GetRawText(),
            "Runtime.consoleAPICalled" when parameters.GetProperty("type").GetString() is "error" or "warning" or "assert" =>
                $"console.{parameters.GetProperty("type").GetString()}: {string.Join(" ", parameters.GetProperty("args").EnumerateArray().Select(a => a.TryGetProperty("value", out var v) ? v.ToString() : a.TryGetProperty("description", out var d) ? d.GetString() : a.GetRawText()))}",
            "Log.entryAdded" when parameters.GetProperty("entry").GetProperty("level").GetString() is "error" or "warning" =>
                $"log ({parameters.GetProperty("entry").GetProperty("source").GetString()}): {parameters.GetProperty("entry").GetProperty("text").GetString()} {(parameters.GetProperty("entry").TryGetProperty("url", out var u) ? u.GetString() : "")}",
            _ => null,
        };
        if (problem is not null)
        {
            lock (_problems)
            {
                _problems.Add(problem);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _browser.Connection.EventReceived -= OnEvent;
        try
        {
            await _browser.Connection.SendAsync("Target.closeTarget", new JsonObject { ["targetId"] = TargetId });
            if (_context is not null)
            {
                await _browser.Connection.SendAsync("Target.disposeBrowserContext", new JsonObject { ["browserContextId"] = _context });
            }
        }
        catch (InvalidOperationException)
        {
            // the browser is gone already
        }
    }
}
