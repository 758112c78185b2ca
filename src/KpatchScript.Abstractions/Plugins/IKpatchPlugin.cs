namespace KpatchScript.Plugins;

/// <summary>
/// The entry point of a plugin: the type named by the assembly's <see cref="KpatchPluginAttribute"/>.
/// The host creates one instance per load with the public parameterless constructor and calls
/// <see cref="Register"/> once. The plugin's name is its directory's (and main assembly's) name:
/// <c>plugins/&lt;Name&gt;/&lt;Name&gt;.dll</c>. An instance that implements <see cref="IDisposable"/>
/// is disposed when the host unloads the plugin.
/// </summary>
public interface IKpatchPlugin
{
    /// <summary>One sentence saying what the plugin adds, shown by <c>kpatch-script plugins list</c>.</summary>
    string Description { get; }

    /// <summary>
    /// Offers what the plugin provides through <paramref name="registrar"/>. Runs under the host's
    /// plugin timeout; throwing (or not returning in time) refuses the plugin with the reason, and
    /// the host goes on without it.
    /// </summary>
    void Register(IPluginRegistrar registrar);
}
