using System.Runtime.InteropServices;
using Microsoft.Playwright;

namespace KpatchScript.Cockpit.Tests.Browser;

/// <summary>
/// Debian's chromium, headless, launched and driven by Playwright. Playwright's own browser builds
/// are never used nor installed (ExecutablePath; CI reaches only the package registries), and its
/// Node driver comes from the NuGet package, copied to .playwright/ in the build output. Each page
/// gets its own browser context: no cookies or localStorage (Cockpit's theme choice) leak from one
/// test into the next.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    /// <summary>The window size of every page (a test may change it with SetViewportAsync).</summary>
    public const int Width = 1280, Height = 900;

    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<Chromium> StartAsync()
    {
        Prerequisites.Require(Executable, "chromium");
        RequireDriver();
        // No environment variable is needed: with ExecutablePath Playwright never looks for its own
        // browsers (PLAYWRIGHT_BROWSERS_PATH), and nothing is installed or downloaded at run time
        // (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD is for npm installs); the driver is found next to this assembly.
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Executable,
                Headless = true,
                Timeout = 30_000,
                // Playwright adds --no-sandbox (the tests run as root), --headless, --hide-scrollbars,
                // --mute-audio and no first run, sync or background networking; these are the rest of
                // what the tests always ran chromium with: no GPU on CI machines, no QUIC to anywhere,
                // and /tmp instead of a small /dev/shm in containers.
                Args = ["--disable-gpu", "--disable-quic", "--disable-dev-shm-usage"],
            });
            var chromium = new Chromium(playwright, browser);
            await chromium.WarmUpAsync();
            return chromium;
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A new tab in a new browser context.</summary>
    public async Task<BrowserPage> NewPageAsync(int width = Width, int height = Height)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        try
        {
            return new BrowserPage(await context.NewPageAsync(), context);
        }
        catch
        {
            await context.CloseAsync();
            throw;
        }
    }

    /// <summary>
    /// One page through every path the tests take (a context, a navigation, console messages, a
    /// wait, a click, a screenshot), so that the driver's and this client's first-call costs (JIT,
    /// lazily compiled JavaScript) are paid here, not during the first test's measured page load.
    /// </summary>
    private async Task WarmUpAsync()
    {
        await using var page = await NewPageAsync();
        await page.NavigateAsync("data:text/html,<title>warm-up</title><button id=b>b</button><script>console.warn('warm-up')</script>");
        await page.WaitForAsync("document.title === 'warm-up'", "the warm-up page");
        await page.ClickAsync("#b");
        await page.Raw.ScreenshotAsync();
    }

    /// <summary>Waits for a tab that <paramref name="opener"/> (a page of this browser) opened with window.open, if it has not already; closing it closes only that tab.</summary>
    public Task<BrowserPage> AttachToOpenedPageAsync(BrowserPage opener, TimeSpan timeout) =>
        opener.Raw.Context.Browser == Browser ? opener.OpenedPageAsync(timeout) : throw new ArgumentException("the page is another browser's", nameof(opener));

    /// <summary>
    /// Playwright's driver (Node.js for this machine and Playwright's JavaScript package) is copied
    /// next to the tests by the package's build targets; without it Playwright fails obscurely.
    /// </summary>
    private static void RequireDriver()
    {
        var driver = Path.Combine(AppContext.BaseDirectory, ".playwright");
        var platform = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        foreach (var part in new[] { Path.Combine(driver, "node", platform, "node"), Path.Combine(driver, "package", "cli.js") })
        {
            if (!File.Exists(part))
            {
                throw new InvalidOperationException(
                    $"{part} is missing: Playwright's driver comes with the Microsoft.Playwright NuGet package, copied to the build output by its build targets; build tests/KpatchScript.Cockpit.Tests again (dotnet build)");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Browser.CloseAsync();
        }
        finally
        {
            _playwright.Dispose();
        }
    }
}
