using System.Reflection;
using System.Runtime.Loader;

namespace KpatchScript.Scripting.Running;

/// <summary>
/// A collectible load context per run: the script and its #r and package assemblies load here
/// and go away with it. The framework, the facade and the globals type come from the host (the
/// default context), so the types the script and the host exchange are the same types.
/// </summary>
internal sealed class ScriptLoadContext : AssemblyLoadContext
{
    private readonly Dictionary<string, string> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Assembly>? _provided;
    // Made on first use: a cached run never needs it, and every new generic instantiation costs it start-up time.
    private Dictionary<string, Assembly>? _loaded;

    /// <param name="provided">Plugin assemblies, already loaded in their plugins' load contexts: the script gets those very copies.</param>
    public ScriptLoadContext(IReadOnlyList<Assembly> provided)
        : base("kpatch-script", isCollectible: true)
    {
        if (provided.Count > 0)
        {
            _provided = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);
            foreach (var assembly in provided)
            {
                _provided[assembly.GetName().Name!] = assembly;
            }
        }
    }

    /// <summary>The script's #r and package files; called before the script assembly loads. The last file of a name wins.</summary>
    public void AddReferences(IEnumerable<string> references)
    {
        // A loop, not LINQ: this runs on every cached run.
        foreach (var reference in references)
        {
            _byName[Path.GetFileNameWithoutExtension(reference)] = reference;
        }
    }

    /// <summary>An assembly loaded from memory that later ones refer to by name: each REPL submission refers to those before it.</summary>
    public void AddLoaded(Assembly assembly) => (_loaded ??= new(StringComparer.Ordinal))[assembly.GetName().Name!] = assembly;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is not { } name)
        {
            return null;
        }

        if (_loaded is not null && _loaded.TryGetValue(name, out var loaded))
        {
            return loaded;
        }

        if (_provided is not null && _provided.TryGetValue(name, out var plugin))
        {
            return plugin;
        }

        if (IsShared(name))
        {
            return null;
        }

        return _byName.TryGetValue(name, out var path) ? LoadFromAssemblyPath(path) : null;
    }

    /// <summary>
    /// What the host provides: a script's own copy of these would split type identity. Anything
    /// not in the script's own references also resolves in the host (null from Load), the
    /// framework among them.
    /// </summary>
    private static bool IsShared(string name) => name.StartsWith("KpatchScript", StringComparison.Ordinal);
}
