using KpatchScript.PluginHosting.Security;

namespace KpatchScript.PluginHosting.Loading;

/// <summary>
/// Finds plugins: <c>&lt;dir&gt;/&lt;Name&gt;/&lt;Name&gt;.dll</c> in each directory, the first
/// directory holding a name winning. When the host runs as root, a directory (its real path, or
/// one above that), a plugin directory or any file in it that root does not own or others can
/// write is refused, naming the path and the fix; the rest go on. Plugins are found and named by
/// real paths (<see cref="TrustedPath"/>): what is later loaded is what was checked here.
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

            var (found, names) = (candidates.Count, taken.Keys.ToHashSet(StringComparer.Ordinal));
            try
            {
                ScanDirectory(directory, options, directories, candidates, taken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Unreadable (a user without the rights to a system directory): named, and the other directories go on.
                directories.RemoveAll(d => d.Path == directory);
                candidates.RemoveRange(found, candidates.Count - found);
                foreach (var name in taken.Keys.Where(n => !names.Contains(n)).ToList())
                {
                    taken.Remove(name);
                }

                directories.Add(new(directory, PluginDirectoryState.Refused, $"plugin directory {directory} cannot be read: {ex.Message}"));
            }
        }

        return (directories, candidates);
    }

    /// <summary>
    /// Searches the directory's real path, after checking it (running as root): every plugin found
    /// is a path under it, so a link swapped after the check changes nothing that is loaded.
    /// </summary>
    private static void ScanDirectory(string directory, PluginHostOptions options, List<PluginDirectoryInfo> directories, List<Candidate> candidates, Dictionary<string, string> taken)
    {
        var (real, problem) = options.ChecksOwnership ? TrustedPath.Check(directory) : (RealPath.Of(directory), null);
        if (problem is not null)
        {
            directories.Add(new(directory, PluginDirectoryState.Refused, $"plugin directory {problem}; refused while kpatch-script runs as root"));
            return;
        }

        directories.Add(new(directory, PluginDirectoryState.Searched, null));
        foreach (var stray in Directory.GetFiles(real, "*.dll").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(stray);
            candidates.Add(new(name, stray, $"plugin {name}: {stray} is not in a directory of its own; move it (and its .deps.json and dependencies) to {Path.Combine(real, name, name + ".dll")}"));
        }

        foreach (var pluginDirectory in Directory.GetDirectories(real).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(pluginDirectory);
            if (taken.TryGetValue(name, out var winner))
            {
                candidates.Add(new(name, Path.Combine(pluginDirectory, name + ".dll"), $"plugin {name}: shadowed by {winner}, found first", PluginState.Shadowed));
                continue;
            }

            // A plugin's directory may be a link too (to where a package put it): resolved and checked the same way.
            var (pluginReal, pluginProblem) = options.ChecksOwnership ? TrustedPath.Check(pluginDirectory) : (RealPath.Of(pluginDirectory), null);
            var dll = Path.Combine(pluginReal, name + ".dll");
            taken[name] = dll;
            if (pluginProblem is not null)
            {
                candidates.Add(new(name, dll, $"plugin {name}: {pluginProblem}; refused while kpatch-script runs as root"));
            }
            else if (!File.Exists(dll))
            {
                candidates.Add(new(name, dll, $"plugin {name}: {pluginDirectory} has no {name}.dll; a plugin directory holds <Name>/<Name>.dll with its .deps.json ('dotnet publish' the plugin into it)"));
            }
            else if (options.ChecksOwnership && PluginFilesProblem(pluginReal, [pluginReal]) is { } filesProblem)
            {
                candidates.Add(new(name, dll, $"plugin {name}: {filesProblem}; refused while kpatch-script runs as root"));
            }
            else
            {
                candidates.Add(new(name, dll, null));
            }
        }
    }

    /// <summary>
    /// Everything in a plugin's (real) directory, at any depth: any file in it may be loaded
    /// (dependencies, native libraries). A link in it is checked by its real path and the
    /// directories above that, and a linked directory is searched in turn (once: links can loop).
    /// </summary>
    private static string? PluginFilesProblem(string directory, HashSet<string> searched)
    {
        if (FileOwnership.Problem(directory) is { } problem)
        {
            return problem;
        }

        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (entry.LinkTarget is not null)
            {
                var (real, linkProblem) = TrustedPath.Check(entry.FullName);
                if (linkProblem is not null)
                {
                    return linkProblem;
                }

                if (Directory.Exists(real) && searched.Add(real) && PluginFilesProblem(real, searched) is { } below)
                {
                    return below;
                }
            }
            else if (entry is DirectoryInfo subdirectory)
            {
                if (PluginFilesProblem(subdirectory.FullName, searched) is { } below)
                {
                    return below;
                }
            }
            else if (FileOwnership.Problem(entry.FullName) is { } entryProblem)
            {
                return entryProblem;
            }
        }

        return null;
    }
}
