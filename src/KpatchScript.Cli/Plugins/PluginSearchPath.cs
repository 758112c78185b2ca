using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Plugins;

/// <summary>
/// Where plugins are looked for, in order of precedence: <c>--plugins DIR</c> (repeatable), the
/// configuration's <c>plugin_directories</c>, the user's (<c>$XDG_DATA_HOME/kpatch-script/plugins</c>,
/// else <c>~/.local/share/kpatch-script/plugins</c>) and the system's (<c>/usr/lib/kpatch-script/plugins</c>).
/// Plain strings and Directory.Exists: deciding that there are no plugins must not load the
/// plugin host (a cached script run is benchmarked).
/// </summary>
internal static class PluginSearchPath
{
    public const string SystemDirectory = "/usr/lib/kpatch-script/plugins";

    /// <summary>The user's directory, then the system's.</summary>
    public static IReadOnlyList<string> Defaults()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var data = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return [Path.Combine(data, "kpatch-script", "plugins"), SystemDirectory];
    }

    /// <exception cref="UsageException">A <c>--plugins</c> directory does not exist (a typo would otherwise mean no plugins without a word).</exception>
    public static List<string> Directories(IReadOnlyList<string> commandLine, CliEnvironment environment)
    {
        var defaults = environment.DefaultPluginDirectories();
        var directories = new List<string>(commandLine.Count + environment.Settings.PluginDirectories.Count + defaults.Count);
        foreach (var directory in commandLine)
        {
            if (!Directory.Exists(directory))
            {
                throw new UsageException($"--plugins {directory}: no such directory");
            }

            directories.Add(Path.GetFullPath(directory));
        }

        directories.AddRange(environment.Settings.PluginDirectories);
        directories.AddRange(defaults);
        return directories;
    }

    public static bool AnyExists(List<string> directories)
    {
        foreach (var directory in directories)
        {
            if (Directory.Exists(directory))
            {
                return true;
            }
        }

        return false;
    }
}
