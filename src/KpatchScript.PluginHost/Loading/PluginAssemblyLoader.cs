using KpatchScript.PluginHosting.Isolation;
using KpatchScript.Plugins;
using McMaster.NETCore.Plugins;

namespace KpatchScript.PluginHosting.Loading;

/// <summary>
/// Loads one plugin (into this process: the host's, for sinks, contributors and script APIs, or a
/// plugin process, for checks): reads its manifest, checks the contract version, loads it with
/// McMaster.NETCore.Plugins into a collectible context that shares KpatchScript.Abstractions
/// with the host (one type identity for the contract; everything else the plugin brings is its
/// own, so its dependency versions do not clash with the host's), creates its entry type and
/// lets it register, each step under the plugin timeout.
/// </summary>
internal static class PluginAssemblyLoader
{
    /// <summary>
    /// Reads the plugin's manifest (its metadata, no code of it runs): refused, with the reason,
    /// when it is no assembly, has no plugin attribute or was built for another contract; else the
    /// manifest and what is known of the plugin so far.
    /// </summary>
    public static (PluginManifest? Manifest, PluginInfo Info) Inspect(string name, string path)
    {
        var info = new PluginInfo(name, path, PluginState.Refused, null);
        PluginManifest manifest;
        try
        {
            manifest = PluginManifest.Read(path);
        }
        catch (Exception ex) when (ex is BadImageFormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return (null, info with { Error = $"plugin {name}: {path} is not a .NET assembly ({ex.Message}); replace it with the plugin's published {name}.dll" });
        }

        info = info with { Version = manifest.Version, ContractVersion = manifest.ContractVersion };
        if (manifest.EntryType is null || manifest.ContractVersion is null)
        {
            return (null, info with { Error = $"plugin {name}: {name}.dll has no [assembly: KpatchPlugin(typeof(...))] attribute naming its entry type; it is not a kpatch-script plugin (or was built without the attribute)" });
        }

        if (!PluginContract.IsCompatible(manifest.ContractVersion, PluginContract.Version))
        {
            return (null, info with { Error = $"plugin {name}: built against plugin contract {manifest.ContractVersion}, but this kpatch-script has contract {PluginContract.Version}; rebuild the plugin against KpatchScript.Abstractions {KpatchFacade.ToolVersion} (contract {PluginContract.Version})" });
        }

        return (manifest, info);
    }

    /// <summary>Inspects, then loads the plugin into this process and lets it register, with its configuration section (JSON text, or null).</summary>
    public static (LoadedPlugin? Plugin, PluginInfo Info) Load(string name, string path, string? configuration, TimeSpan timeout, TimeProvider time)
    {
        var (manifest, info) = Inspect(name, path);
        if (manifest is null)
        {
            return (null, info);
        }

        var call = new PluginCall(name, timeout, time);
        var loader = PluginLoader.CreateFromAssemblyFile(path, isUnloadable: true, sharedTypes: [typeof(IKpatchPlugin)], config => config.PreferSharedTypes = false);
        try
        {
            var assembly = loader.LoadDefaultAssembly();
            var entryType = assembly.GetType(manifest.EntryType!, throwOnError: false);
            if (entryType is null || !typeof(IKpatchPlugin).IsAssignableFrom(entryType) || entryType.IsAbstract || entryType.GetConstructor(Type.EmptyTypes) is null)
            {
                loader.Dispose();
                return (null, info with { Error = $"plugin {name}: its entry type {manifest.EntryType} is not a public class of {name}.dll with a public parameterless constructor that implements IKpatchPlugin; fix the [assembly: KpatchPlugin] attribute" });
            }

            var instance = call.Run("creating its entry type", () => (IKpatchPlugin)Activator.CreateInstance(entryType)!, CancellationToken.None);
            var description = call.Run("reading its description", () => instance.Description ?? "", CancellationToken.None);
            var registrar = new PluginRegistrar(name, Path.GetDirectoryName(path)!, configuration, time, timeout, System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(assembly)!);
            call.Run("registering", () =>
            {
                instance.Register(registrar);
                return true;
            }, CancellationToken.None);
            info = info with
            {
                State = PluginState.Loaded,
                Description = description,
                AlertSinks = registrar.AlertSinks.Select(r => r.Name).ToList(),
                VerificationChecks = registrar.VerificationChecks.Select(r => r.Name).ToList(),
                ReportDataContributors = registrar.ReportDataContributors.Select(r => r.Name).ToList(),
                ScriptApis = registrar.ScriptApis.Select(t => t.FullName ?? t.Name).ToList(),
            };
            return (new LoadedPlugin(info, loader, assembly, instance, registrar, call), info);
        }
        catch (PluginException ex)
        {
            loader.Dispose();
            return (null, info with { State = PluginState.Failed, Error = ex.Message });
        }
        catch (Exception ex)
        {
            // Loading the assembly or its entry type (a missing dependency, a broken image).
            loader.Dispose();
            return (null, info with { State = PluginState.Failed, Error = $"plugin {name}: {FailureText.Describe(ex)}" });
        }
    }
}
