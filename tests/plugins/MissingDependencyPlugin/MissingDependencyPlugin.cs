using KpatchScript.Plugins;
using TestPlugins.HelperLib;

[assembly: KpatchPlugin(typeof(TestPlugins.MissingDependency.MissingDependencyPlugin))]

namespace TestPlugins.MissingDependency;

public sealed class MissingDependencyPlugin : IKpatchPlugin
{
    public string Description => "misses PluginHelperLib";

    public void Register(IPluginRegistrar registrar)
    {
        if (Helper.Name.Length == 0)
        {
            throw new InvalidOperationException("unreachable: the helper is not shipped");
        }
    }
}
