namespace KpatchScript.Status;

/// <summary>
/// Until when the running kernel gets live patches, and where that end comes from
/// (<see cref="Source"/>), best first: a date set in configuration (<c>support_window_end</c>); the
/// site's lifecycle data file (<c>support_window_file</c>: kernel release to end date, e.g. Red Hat's
/// published table); the repositories (the build time of the first kpatch-patch package for the
/// kernel, plus a year); and only as the last fallback an <b>estimate</b> from the kernel's build date.
/// </summary>
/// <param name="Estimate">True only when the end is the estimate from the kernel's build date (<see cref="Source"/> "estimate").</param>
/// <param name="KernelBuilt">The running kernel's build date (from <c>/proc/version</c>), yyyy-MM-dd.</param>
/// <param name="Ends">The last day of live patches, yyyy-MM-dd.</param>
/// <param name="DaysLeft">Days from today to <paramref name="Ends"/>; negative once past.</param>
/// <param name="Basis">How the end was found, in words (for the estimate, without the word "estimate": surfaces say it from <paramref name="Estimate"/>).</param>
public sealed record SupportWindow(bool Estimate, string KernelBuilt, string Ends, int DaysLeft, string Basis)
{
    /// <summary>The end date set in configuration.</summary>
    public const string FromConfiguration = "configuration";

    /// <summary>The site's lifecycle data file.</summary>
    public const string FromLifecycleFile = "lifecycle-file";

    /// <summary>The first kpatch-patch package for the kernel in the repositories, plus the window length.</summary>
    public const string FromRepositories = "repositories";

    /// <summary>The kernel's build date plus the window length: the last fallback.</summary>
    public const string FromEstimate = "estimate";

    /// <summary>Where the end comes from: configuration, lifecycle-file, repositories or estimate.</summary>
    /// <remarks>Never null: a document written before issue 22 has none, and its window was the estimate.</remarks>
    public string Source
    {
        get => _source;
        init => _source = value ?? FromEstimate;
    }

    private readonly string _source = FromEstimate;

    /// <summary>The first day of the window where the data says it (the first kpatch-patch package's build date), yyyy-MM-dd; else null.</summary>
    public string? Starts { get; init; }

    /// <summary>The kernel's stream where the lifecycle data says it (<c>EUS</c>, <c>non-EUS</c> ...); else null.</summary>
    public string? Stream { get; init; }
}

/// <summary>Settings of the facade that come from configuration (<c>/etc/kpatch-script/config.json</c>).</summary>
public sealed record KpatchSettings
{
    /// <summary>Days of live patches after the window starts (the first kpatch-patch package's build, or for the estimate the kernel's build): 365 (Red Hat's "up to a full year"); raise it for EUS.</summary>
    public int SupportWindowDays { get; init; } = 365;

    /// <summary>A known end date that replaces every other source.</summary>
    public DateOnly? SupportWindowEnd { get; init; }

    /// <summary>The site's lifecycle data file (<c>support_window_file</c>): kernel release to end date; null for none.</summary>
    public string? SupportWindowFile { get; init; }

    /// <summary>The directory of Red Hat CSAF VEX documents the site keeps in sync (<c>vex_directory</c>); null: exposure not configured.</summary>
    public string? VexDirectory { get; init; }

    /// <summary>Where caches live (the VEX index); null: <c>$XDG_CACHE_HOME/kpatch-script</c>, else <c>~/.cache/kpatch-script</c>.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>How long a mutating operation waits for another one to release the host lock.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>ssh targets: a private key to authenticate with (default: the ssh client's configuration).</summary>
    public string? SshIdentityFile { get; init; }

    /// <summary>ssh targets: OpenSSH StrictHostKeyChecking, yes (default), accept-new or no.</summary>
    public string SshStrictHostKeyChecking { get; init; } = "yes";

    /// <summary>ssh targets: a known_hosts file instead of the user's.</summary>
    public string? SshKnownHostsFile { get; init; }

    /// <summary>How long verify watches a patch in transition, and load and unload wait for one, before it counts as stalled.</summary>
    public TimeSpan TransitionThreshold { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Where the host lock and the audit journal of load and unload live (<c>run/lock</c> and
    /// <c>var/log/kpatch-script</c> under it); null is <c>/</c>. They are files on the machine that
    /// runs kpatch-script, also for ssh targets.
    /// </summary>
    public string? StateDirectory { get; init; }

    /// <summary>Plugin directories from configuration (<c>plugin_directories</c>), searched after <c>--plugins</c> and before the user's and the system's.</summary>
    public IReadOnlyList<string> PluginDirectories { get; init; } = [];

    /// <summary>How long one call into a plugin may take (<c>plugin_timeout_seconds</c>) before the host gives up on it.</summary>
    public TimeSpan PluginTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>What the verdict needs besides the host's data: the support-window warning and the codes a site downgrades (<c>verdict</c> in the configuration).</summary>
    public Verdicts.VerdictOptions Verdict { get; init; } = new();

    /// <summary>Each plugin's section of the configuration (<c>"plugins": {"&lt;Name&gt;": {...}}</c>) as JSON text, by plugin name.</summary>
    public IReadOnlyDictionary<string, string> PluginConfiguration { get; init; } = new Dictionary<string, string>();
}
