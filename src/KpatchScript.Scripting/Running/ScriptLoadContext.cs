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

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is not { } name)
        {
            return null;
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
