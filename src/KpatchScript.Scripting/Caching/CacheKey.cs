using System.Runtime.InteropServices;
using System.Text;
using KpatchScript.IO;
using KpatchScript.Scripting.Directives;

namespace KpatchScript.Scripting.Caching;

/// <summary>
/// The cache key of a script: a 128-bit FNV-1a hash (<see cref="KeyHash"/>) over everything that changes what the compiler would emit
/// or what the emitted code binds to: each file of the #load closure (path and bytes), the bytes
/// of each #r DLL, the NuGet packages with their pinned versions, the runtime, and the host's
/// version with the content hashes of the facade, its contracts and the analyzers
/// (<see cref="BuildStamp"/>, fixed at build time, so a rule change re-checks cached scripts),
/// the site's rule configuration (severities, banned APIs), and the bytes of the plugin
/// assemblies scripts compile against (a changed plugin compiles again).
/// Computed without Roslyn or NuGet, and without LINQ: this is the cached run's path, where
/// every first use of a generic type costs start-up time.
/// </summary>
public static class CacheKey
{
    /// <summary>Null when the script cannot be cached: a package without a pinned version may resolve differently next time.</summary>
    /// <param name="closure">The script and its #load files.</param>
    /// <param name="rules">The configured KPS rule severities and banned APIs (<see cref="Compilation.ScriptRules"/>); empty for the defaults.</param>
    /// <param name="plugins">Plugin assemblies the script compiles against (loaded from files).</param>
    public static string? Compute(ScriptClosure closure, string rules = "", IReadOnlyList<System.Reflection.Assembly>? plugins = null)
    {
        var packages = closure.Packages;
        foreach (var package in packages)
        {
            if (!package.IsPinned)
            {
                return null;
            }
        }

        // Not a security boundary (the cache is the user's own directory), so a plain 128-bit hash;
        // SHA-256 would start OpenSSL, which costs a cached run more than the rest of it.
        var hash = new KeyHash();
        void Add(string text) => hash.Append(Encoding.UTF8.GetBytes(text + "\0"));
        Add("kpatch-script cache 1");
        Add(Environment.Version.ToString());
        Add(RuntimeInformation.RuntimeIdentifier);
        Add(BuildStamp.Version);
        Add(BuildStamp.References);
        Add(rules);
        foreach (var file in closure.Files)
        {
            Add(file.Path);
            Add(file.Text);
        }

        foreach (var reference in closure.ReferenceFiles)
        {
            Add(reference);
            // Checked already where the #r is named (ScriptClosure): a regular file within the limit.
            if (File.Exists(reference))
            {
                hash.Append(BoundedFile.ReadBytes(reference, ReadLimits.Assembly));
            }
        }

        if (plugins is not null)
        {
            foreach (var plugin in plugins)
            {
                Add("plugin:" + plugin.Location);
                hash.Append(BoundedFile.ReadBytes(plugin.Location, ReadLimits.Assembly));
            }
        }

        var ordered = new List<PackageDirective>(packages);
        ordered.Sort((a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Id, b.Id));
        foreach (var package in ordered)
        {
            Add($"{package.Id.ToLowerInvariant()}/{package.Version!.Trim('[', ']')}");
        }

        return hash.ToHex();
    }
}
