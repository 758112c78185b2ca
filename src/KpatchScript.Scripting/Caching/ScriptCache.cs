using KpatchScript.Scripting.IO;

namespace KpatchScript.Scripting.Caching;

/// <summary>
/// Compiled scripts on disk, per user: <c>$KPATCH_SCRIPT_CACHE</c>, else
/// <c>$DOTNET_SCRIPT_CACHE_LOCATION/kpatch-script/scripts</c> (dotnet-script's cache root, where it
/// keeps <c>dotnet-script/</c>; a relative one from the working directory, as dotnet-script takes it),
/// else <c>$XDG_CACHE_HOME/kpatch-script/scripts</c>, else <c>~/.cache/kpatch-script/scripts</c>.
/// One directory per key holds <c>script.dll</c>, <c>references.txt</c> (the files to load
/// at run time, one per line) and <c>entry.txt</c> (the metadata token of the entry point). An entry is written in a directory of its own and renamed into
/// place, so a reader never sees half an entry and two runs that compile at once both succeed.
/// </summary>
public sealed class ScriptCache(string directory)
{
    public const string AssemblyFile = "script.dll";
    public const string ReferencesFile = "references.txt";
    public const string EntryFile = "entry.txt";

    public string Directory => directory;

    public static ScriptCache ForUser()
    {
        var configured = Environment.GetEnvironmentVariable("KPATCH_SCRIPT_CACHE");
        if (!string.IsNullOrEmpty(configured))
        {
            return new ScriptCache(Path.GetFullPath(configured));
        }

        // dotnet-script's variable names a root that each tool keeps a folder of its own in.
        var dotnetScript = Environment.GetEnvironmentVariable("DOTNET_SCRIPT_CACHE_LOCATION");
        if (!string.IsNullOrEmpty(dotnetScript))
        {
            return new ScriptCache(Path.Combine(Path.GetFullPath(dotnetScript), "kpatch-script", "scripts"));
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return new ScriptCache(Path.Combine(root, "kpatch-script", "scripts"));
    }

    /// <summary>The cached assembly and its run-time references, or null.</summary>
    public CacheHit? TryGet(string key)
    {
        try
        {
            return Read(key);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // cache trouble never stops a run: an unreadable entry (a FIFO, a huge file) compiles again
        }
    }

    private CacheHit? Read(string key)
    {
        var entry = Path.Combine(directory, key);
        var assembly = Path.Combine(entry, AssemblyFile);
        var references = Path.Combine(entry, ReferencesFile);
        var entryFile = Path.Combine(entry, EntryFile);
        if (!File.Exists(assembly) || !File.Exists(references) || !File.Exists(entryFile)
            || ParseToken(TextFile.Read(entryFile)) is not { } token)
        {
            return null;
        }

        var paths = new List<string>();
        foreach (var line in TextFile.ReadLines(references))
        {
            // A package or #r file removed since: compile again rather than fail at run time.
            if (line.Length > 0 && !File.Exists(line))
            {
                return null;
            }

            if (line.Length > 0)
            {
                paths.Add(line);
            }
        }

        return new CacheHit(assembly, token, paths);
    }

    /// <summary>
    /// The entry point's metadata token: decimal digits, blanks around them allowed. By hand:
    /// int.TryParse reads the culture's number format, a dozen types a cached run would load for
    /// one number (tests/benchmarks).
    /// </summary>
    internal static int? ParseToken(string text)
    {
        var digits = text.AsSpan().Trim();
        if (digits.IsEmpty || digits.Length > 10)
        {
            return null;
        }

        long value = 0;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return null;
            }

            value = (value * 10) + (c - '0');
        }

        return value <= int.MaxValue ? (int)value : null;
    }

    /// <summary>Stores an entry; returns the path of its assembly. Cache trouble never stops a run: the caller runs from memory then.</summary>
    public string? Store(string key, byte[] assembly, int entryToken, IReadOnlyList<string> references)
    {
        var entry = Path.Combine(directory, key);
        var staging = Path.Combine(directory, $".{key}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        try
        {
            System.IO.Directory.CreateDirectory(staging);
            File.WriteAllBytes(Path.Combine(staging, AssemblyFile), assembly);
            File.WriteAllLines(Path.Combine(staging, ReferencesFile), references);
            File.WriteAllText(Path.Combine(staging, EntryFile), entryToken.ToString(System.Globalization.CultureInfo.InvariantCulture));
            try
            {
                System.IO.Directory.Move(staging, entry);
            }
            catch (IOException) when (System.IO.Directory.Exists(entry))
            {
                // Another run stored the same key first: same content, keep theirs.
                System.IO.Directory.Delete(staging, recursive: true);
            }

            return Path.Combine(entry, AssemblyFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try
            {
                if (System.IO.Directory.Exists(staging))
                {
                    System.IO.Directory.Delete(staging, recursive: true);
                }
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Left for the next run to ignore: staging names never match a key.
            }

            return null;
        }
    }
}

/// <summary>
/// A cache entry found: the assembly's path, its entry point's metadata token, the files to load
/// beside it. A class, not a value tuple: a nullable tuple is one more generic instantiation for
/// the runtime to build on every cached run (tests/benchmarks).
/// </summary>
public sealed record CacheHit(string Assembly, int EntryToken, IReadOnlyList<string> References);
