using KpatchScript.Hosting.Security;

namespace KpatchScript.Hosting.Loading;

/// <summary>
/// Finds plugins: <c>&lt;dir&gt;/&lt;Name&gt;/&lt;Name&gt;.dll</c> in each directory, the first
/// directory holding a name winning. When the host runs as root, a directory (or one above it),
/// a plugin directory or any file in it that root does not own or others can write is refused,
/// naming the path and the fix; the rest go on.
/// </summary>
internal static class PluginScanner
{
    public sealed record Candidate(string Name, string Path, string? Problem, PluginState State = PluginState.Refused);

    public static (List<PluginDirectoryInfo> Directories, List<Candidate> Candidates) Scan(PluginHostOptions options)
    {
        var directories = new List<PluginDirectoryInfo>();
        var candidates = new List<Candidate>();
        var taken = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var given in options.Directories)
        {
            var directory = Path.GetFullPath(given);
            if (!Directory.Exists(directory))
            {
                directories.Add(new(directory, PluginDirectoryState.Missing, null));
                continue;
            }

            try
            {
                ScanDirectory(directory, options, directories, candidates, taken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Unreadable (a user without the rights to a system directory): named, and the other directories go on.
                directories.RemoveAll(d => d.Path == directory);
                candidates.RemoveAll(c => c.Path.StartsWith(directory + "/", StringComparison.Ordinal));
                foreach (var name in taken.Where(t => t.Value.StartsWith(directory + "/", StringComparison.Ordinal)).Select(t => t.Key).ToList())
                {
                    taken.Remove(name);
                }

                directories.Add(new(directory, PluginDirectoryState.Refused, $"plugin directory {directory} cannot be read: {ex.Message}"));
            }
        }

        return (directories, candidates);
    }

    private static void ScanDirectory(string directory, PluginHostOptions options, List<PluginDirectoryInfo> directories, List<Candidate> candidates, Dictionary<string, string> taken)
    {
        if (options.ChecksOwnership && DirectoryProblem(directory) is { } problem)
        {
            directories.Add(new(directory, PluginDirectoryState.Refused, $"plugin directory {problem}; refused while kpatch-script runs as root"));
            return;
        }

        directories.Add(new(directory, PluginDirectoryState.Searched, null));
        foreach (var stray in Directory.GetFiles(directory, "*.dll").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(stray);
            candidates.Add(new(name, stray, $"plugin {name}: {stray} is not in a directory of its own; move it (and its .deps.json and dependencies) to {Path.Combine(directory, name, name + ".dll")}"));
        }

        foreach (var pluginDirectory in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(pluginDirectory);
            var dll = Path.Combine(pluginDirectory, name + ".dll");
            if (taken.TryGetValue(name, out var winner))
            {
                candidates.Add(new(name, dll, $"plugin {name}: shadowed by {winner}, found first", PluginState.Shadowed));
                continue;
            }

            taken[name] = dll;
            if (!File.Exists(dll))
            {
                candidates.Add(new(name, dll, $"plugin {name}: {pluginDirectory} has no {name}.dll; a plugin directory holds <Name>/<Name>.dll with its .deps.json ('dotnet publish' the plugin into it)"));
            }
            else if (options.ChecksOwnership && PluginFilesProblem(pluginDirectory) is { } filesProblem)
            {
                candidates.Add(new(name, dll, $"plugin {name}: {filesProblem}; refused while kpatch-script runs as root"));
            }
            else
            {
                candidates.Add(new(name, dll, null));
            }
        }
    }

    /// <summary>The directory itself, then every directory above it up to <c>/</c>: whoever can write one of them can swap the plugins.</summary>
    private static string? DirectoryProblem(string directory)
    {
        if (FileOwnership.Problem(directory) is { } problem)
        {
            return problem;
        }

        for (var parent = Path.GetDirectoryName(directory); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (FileOwnership.AncestorProblem(parent) is { } above)
            {
                return above;
            }
        }

        return null;
    }

    /// <summary>The plugin's directory and everything in it: any file in it may be loaded (dependencies, native libraries).</summary>
    private static string? PluginFilesProblem(string pluginDirectory)
    {
        if (FileOwnership.Problem(pluginDirectory) is { } problem)
        {
            return problem;
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(pluginDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (FileOwnership.Problem(entry) is { } entryProblem)
            {
                return entryProblem;
            }
        }

        return null;
    }
}
