using System.Runtime.InteropServices;
using System.Text;
using KpatchScript.Scripting.Directives;

namespace KpatchScript.Scripting.Caching;

/// <summary>
/// The cache key of a script: a 128-bit FNV-1a hash (<see cref="KeyHash"/>) over everything that changes what the compiler would emit
/// or what the emitted code binds to: each file of the #load closure (path and bytes), the bytes
/// of each #r DLL, the NuGet packages with their pinned versions, the runtime, and the versions
/// of the host, the facade and the analyzers. Computed without Roslyn or NuGet.
/// </summary>
public static class CacheKey
{
    /// <summary>
    /// The analyzers as built: the bytes of their DLL (deterministic builds), read as a file so a
    /// cached run does not load it (it would load Roslyn). A rule change re-checks cached scripts.
    /// </summary>
    public static string AnalyzerVersion
    {
        get
        {
            var path = Path.Combine(Path.GetDirectoryName(typeof(CacheKey).Assembly.Location)!, "KpatchScript.Analyzers.dll");
            if (!File.Exists(path))
            {
                return "missing";
            }

            var hash = new KeyHash();
            hash.Append(File.ReadAllBytes(path));
            return hash.ToHex();
        }
    }

    /// <summary>Null when the script cannot be cached: a package without a pinned version may resolve differently next time.</summary>
    public static string? Compute(ScriptClosure closure)
    {
        if (closure.Packages.Any(p => !p.IsPinned))
        {
            return null;
        }

        // Not a security boundary (the cache is the user's own directory), so a plain 128-bit hash;
        // SHA-256 would start OpenSSL, which costs a cached run more than the rest of it.
        var hash = new KeyHash();
        void Add(string text) => hash.Append(Encoding.UTF8.GetBytes(text + "\0"));
        Add("kpatch-script cache 1");
        // Versions from assembly names, not attributes: reading custom attributes costs a cached run milliseconds.
        Add(Environment.Version.ToString());
        Add(RuntimeInformation.RuntimeIdentifier);
        Add(ScriptingInfo.HostVersion);
        Add(typeof(KpatchFacade).Assembly.GetName().Version?.ToString() ?? "");
        Add(AnalyzerVersion);
        foreach (var file in closure.Files)
        {
            Add(file.Path);
            Add(file.Text);
        }

        foreach (var reference in closure.ReferenceFiles)
        {
            Add(reference);
            if (File.Exists(reference))
            {
                hash.Append(File.ReadAllBytes(reference));
            }
        }

        foreach (var package in closure.Packages.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase))
        {
            Add($"{package.Id.ToLowerInvariant()}/{package.Version!.Trim('[', ']')}");
        }

        return hash.ToHex();
    }
}
