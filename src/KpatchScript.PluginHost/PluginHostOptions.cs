namespace KpatchScript.PluginHosting;

/// <summary>Where plugins are looked for and how calls into them are bounded.</summary>
public sealed record PluginHostOptions
{
    /// <summary>
    /// Plugin directories, each holding <c>&lt;Name&gt;/&lt;Name&gt;.dll</c>, in order of precedence: a plugin
    /// name found in an earlier directory shadows the same name in later ones. Missing directories
    /// are skipped (no plugins there).
    /// </summary>
    public IReadOnlyList<string> Directories { get; init; } = [];

    /// <summary>How long one call into a plugin (creating it, registering, a check, a delivery, a contribution) may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Each plugin's configuration section as JSON text, by plugin name (matched without regard to case).</summary>
    public IReadOnlyDictionary<string, string> Configuration { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Refuse plugin directories and files that others than root can write, or that root does not
    /// own. Null (the default): when this process runs as root, as sudo and systemd refuse such files.
    /// </summary>
    public bool? RequireRootOwnership { get; init; }

    /// <summary>
    /// Load the plugins into this process as well, for their alert sinks, report data contributors
    /// and script APIs (true, the default). Their checks run in plugin processes either way. False:
    /// plugins register in their processes only, and no plugin code runs in this one (verify,
    /// status and plugins list need nothing else); <see cref="PluginHost.AlertSinks"/>,
    /// <see cref="PluginHost.ReportDataContributors"/> and the script assemblies are then empty.
    /// </summary>
    public bool InProcess { get; init; } = true;

    /// <summary>The clock for timeouts and for plugins (<see cref="Plugins.IPluginRegistrar.Time"/>).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    internal bool ChecksOwnership => RequireRootOwnership ?? Environment.IsPrivilegedProcess;

    /// <summary>A plugin's configuration section (JSON text), its name matched without regard to case; null without one.</summary>
    internal string? SectionOf(string plugin)
    {
        foreach (var (key, json) in Configuration)
        {
            if (string.Equals(key, plugin, StringComparison.OrdinalIgnoreCase))
            {
                return json;
            }
        }

        return null;
    }
}
