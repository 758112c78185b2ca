using KpatchScript.TestFixtures;

namespace KpatchScript.PluginHosting.Tests;

internal static class TestPluginLoading
{
    /// <summary>A plugin host over the test's plugin directory (<paramref name="inProcess"/>: <see cref="PluginHostOptions.InProcess"/>).</summary>
    public static PluginHost Load(this TestPlugins plugins, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? configuration = null, bool inProcess = true) =>
        PluginHost.Load(new PluginHostOptions
        {
            Directories = [plugins.Directory],
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
            Configuration = configuration ?? new Dictionary<string, string>(),
            InProcess = inProcess,
        });
}
