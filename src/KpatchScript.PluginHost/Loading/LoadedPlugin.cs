using System.Reflection;
using KpatchScript.PluginHosting.Isolation;
using KpatchScript.Plugins;
using McMaster.NETCore.Plugins;

namespace KpatchScript.PluginHosting.Loading;

/// <summary>A plugin in its collectible load context, with what it registered.</summary>
internal sealed class LoadedPlugin(PluginInfo info, PluginLoader loader, Assembly assembly, IKpatchPlugin instance, PluginRegistrar registrar, PluginCall call)
{
    private IKpatchPlugin? _instance = instance;

    public PluginInfo Info => info;

    public PluginRegistrar Registrar => registrar;

    public PluginCall Call => call;

    /// <summary>The plugin's load context, weakly: alive until it is collected after <see cref="Unload"/>.</summary>
    public WeakReference Context { get; } = new(System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(assembly));

    /// <summary>What scripts compile against: the main assembly and the assemblies of its declared script APIs.</summary>
    public IReadOnlyList<Assembly> ScriptAssemblies { get; } =
        [assembly, .. registrar.ScriptApis.Select(t => t.Assembly).Where(a => a != assembly).Distinct()];

    /// <summary>
    /// Lets go of the plugin: disposes its entry object (under the timeout), drops every reference
    /// the host holds, and unloads its load context. The context is collected once nothing else
    /// refers to it (a call still running in a hung plugin does, until it returns).
    /// </summary>
    public string? Unload()
    {
        string? problem = null;
        if (Interlocked.Exchange(ref _instance, null) is IDisposable disposable)
        {
            try
            {
                call.Run("disposing it", () =>
                {
                    disposable.Dispose();
                    return true;
                }, CancellationToken.None);
            }
            catch (PluginException ex)
            {
                problem = ex.Message;
            }
        }

        registrar.Clear();
        loader.Dispose();
        return problem;
    }
}
