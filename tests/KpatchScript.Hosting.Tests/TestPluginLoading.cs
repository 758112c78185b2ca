using KpatchScript.Testing.Fixtures;

namespace KpatchScript.Hosting.Tests;

internal static class TestPluginLoading
{
    /// <summary>A plugin host over the test's plugin directory.</summary>
    public static PluginHost Load(this TestPlugins plugins, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? configuration = null) =>
        PluginHost.Load(new PluginHostOptions
        {
            Directories = [plugins.Directory],
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
            Configuration = configuration ?? new Dictionary<string, string>(),
        });
}
