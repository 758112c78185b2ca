namespace KpatchScript.Status;

/// <summary>
/// An <b>estimate</b> of until when the running kernel gets live patches: the kernel's build date
/// plus the documented lifecycle (Red Hat: up to a year for eligible kernels, longer on EUS), or
/// a date set in configuration. Not a commitment of the vendor.
/// </summary>
/// <param name="Estimate">Always true: the end is computed, not read from the vendor.</param>
/// <param name="KernelBuilt">The running kernel's build date (from <c>/proc/version</c>), yyyy-MM-dd.</param>
/// <param name="Ends">The estimated last day of live patches, yyyy-MM-dd.</param>
/// <param name="DaysLeft">Days from today to <paramref name="Ends"/>; negative once past.</param>
/// <param name="Basis">How the end was computed, in words.</param>
public sealed record SupportWindow(bool Estimate, string KernelBuilt, string Ends, int DaysLeft, string Basis);

/// <summary>Settings of the facade that come from configuration (<c>/etc/kpatch-script/config.json</c>).</summary>
public sealed record KpatchSettings
{
    /// <summary>Days of live patches after the kernel's build date: 365 (Red Hat's "up to a full year"); raise it for EUS.</summary>
    public int SupportWindowDays { get; init; } = 365;

    /// <summary>A known end date that replaces the estimate.</summary>
    public DateOnly? SupportWindowEnd { get; init; }

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
