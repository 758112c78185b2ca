namespace KpatchScript.Hosting;

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

    /// <summary>The clock for timeouts and for plugins (<see cref="Plugins.IPluginRegistrar.Time"/>).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    internal bool ChecksOwnership => RequireRootOwnership ?? Environment.IsPrivilegedProcess;
}
