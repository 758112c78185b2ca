using KpatchScript.Cockpit.Tests.Browser;

namespace KpatchScript.Cockpit.Tests;

/// <summary>One headless chromium for every browser test (each page gets its own browser context), and where screenshots go.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private Chromium? _browser;

    internal Chromium Browser => _browser ?? throw new InvalidOperationException("the browser did not start");

    /// <summary>$KPS_SCREENSHOTS, else screenshots/ next to the test assembly (bin/&lt;Configuration&gt;/net10.0/screenshots).</summary>
    public static string Screenshots { get; } =
        Environment.GetEnvironmentVariable("KPS_SCREENSHOTS") is { Length: > 0 } directory ? Path.GetFullPath(directory) : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Prerequisites.RequireRoot();
        Prerequisites.RequireCockpit();
        _browser = await Chromium.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        HostStates.DeleteRepositories();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<BrowserFixture>
{
    /// <summary>One collection: the browser tests run one after another (a cockpit-ws each) on the shared browser.</summary>
    public const string Name = "cockpit";
}
