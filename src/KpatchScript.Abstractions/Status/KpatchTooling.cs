namespace KpatchScript.Status;

/// <summary>The kpatch user-space pieces on the host.</summary>
/// <param name="Cli">The <c>kpatch</c> command.</param>
/// <param name="Modules">Patch modules installed under <c>/var/lib/kpatch/&lt;release&gt;/</c> and <c>/usr/lib/kpatch/&lt;release&gt;/</c>.</param>
/// <param name="Dnf">The kpatch-dnf plugin and its <c>autoupdate</c> setting.</param>
/// <param name="Service">Whether <c>kpatch.service</c> (loads patches at boot) is enabled.</param>
public sealed record KpatchTooling(
    Reading<KpatchCli> Cli,
    Reading<IReadOnlyList<PatchModuleFile>> Modules,
    Reading<KpatchDnf> Dnf,
    Reading<ServiceState> Service);

/// <summary>The kpatch command line tool.</summary>
/// <param name="Installed">True when a <c>kpatch</c> executable was found.</param>
/// <param name="Path">Where it was found.</param>
/// <param name="Version">Its version (<c>kpatch version</c>, or the script's <c>VERSION=</c> line on a captured tree).</param>
public sealed record KpatchCli(bool Installed, string? Path, Reading<string> Version);

/// <summary>One installed patch module file.</summary>
/// <param name="Path">Full path on the target.</param>
/// <param name="ModuleName">The name kpatch derives from the file: basename, <c>.ko</c> stripped, <c>-</c> to <c>_</c>.</param>
/// <param name="KernelRelease">The kernel release directory it is installed for.</param>
/// <param name="ForRunningKernel">True when that is the running kernel.</param>
/// <param name="Loaded">For the running kernel: whether a patch of that name is in sysfs; null otherwise.</param>
public sealed record PatchModuleFile(string Path, string ModuleName, string KernelRelease, bool ForRunningKernel, bool? Loaded);

/// <summary>The kpatch-dnf plugin.</summary>
/// <param name="Installed">True when the plugin or its configuration is present.</param>
/// <param name="ConfigPath">Its configuration file.</param>
/// <param name="AutoUpdate"><c>autoupdate</c> in <c>[main]</c>: install patches for new kernels automatically.</param>
public sealed record KpatchDnf(bool Installed, string ConfigPath, Reading<bool> AutoUpdate);

/// <summary>A systemd unit's enablement.</summary>
/// <param name="Unit">The unit name.</param>
/// <param name="State">As <c>systemctl is-enabled</c> says it: enabled, disabled, static, masked, not-found ...</param>
/// <param name="Source"><c>systemctl</c> when asked, <c>unit-files</c> when read from the unit files.</param>
public sealed record ServiceState(string Unit, string State, string Source);
