namespace KpatchScript.PluginHosting;

/// <summary>What became of a plugin the host found.</summary>
public enum PluginState
{
    /// <summary>Loaded and registered: what it provides is in use.</summary>
    Loaded,

    /// <summary>Not loaded: its files, its layout or its contract version are not acceptable (the error says which and what to do).</summary>
    Refused,

    /// <summary>Loading or registering it failed: it threw, hung, missed a dependency or ended its plugin process.</summary>
    Failed,

    /// <summary>Not loaded: a plugin of the same name in an earlier directory is used instead.</summary>
    Shadowed,
}

/// <summary>One plugin found under a plugin directory, as <c>kpatch-script plugins list|info</c> shows it.</summary>
/// <param name="Name">Its name: the directory's, and its main assembly's.</param>
/// <param name="Path">Its main assembly, <c>&lt;dir&gt;/&lt;Name&gt;/&lt;Name&gt;.dll</c>.</param>
/// <param name="State">Loaded, refused, failed or shadowed.</param>
/// <param name="Error">Why it is not loaded (one line); null when loaded.</param>
public sealed record PluginInfo(string Name, string Path, PluginState State, string? Error)
{
    /// <summary>The plugin's version (its informational version), when its assembly could be read.</summary>
    public string? Version { get; init; }

    /// <summary>The contract version it was built against, when it says.</summary>
    public string? ContractVersion { get; init; }

    /// <summary>What it says it adds.</summary>
    public string? Description { get; init; }

    /// <summary>Names of the alert sinks it registered.</summary>
    public IReadOnlyList<string> AlertSinks { get; init; } = [];

    /// <summary>Names of the verification checks it registered (as verify shows them: <c>&lt;Name&gt;:&lt;check&gt;</c>).</summary>
    public IReadOnlyList<string> VerificationChecks { get; init; } = [];

    /// <summary>Names of the report data contributors it registered.</summary>
    public IReadOnlyList<string> ReportDataContributors { get; init; } = [];

    /// <summary>Full names of the types it declared for scripts.</summary>
    public IReadOnlyList<string> ScriptApis { get; init; } = [];
}

/// <summary>What became of a plugin directory.</summary>
public enum PluginDirectoryState
{
    /// <summary>Searched for plugins.</summary>
    Searched,

    /// <summary>Does not exist: no plugins there.</summary>
    Missing,

    /// <summary>Not searched: others than root can write it (checked when running as root).</summary>
    Refused,
}

/// <summary>A plugin directory and what became of it.</summary>
/// <param name="Path">The directory.</param>
/// <param name="State">Searched, missing or refused.</param>
/// <param name="Error">Why it was refused; null otherwise.</param>
public sealed record PluginDirectoryInfo(string Path, PluginDirectoryState State, string? Error);
