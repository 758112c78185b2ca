using KpatchScript.Operations;
using KpatchScript.Status;
using KpatchScript.Verification;

namespace KpatchScript;

/// <summary>What scripts, the CLI and plugins use to look at and act on kernel live patching.</summary>
public interface IKpatchFacade
{
    /// <summary>The target this facade works on.</summary>
    string Target { get; }

    /// <summary>
    /// Reads the host's live-patching status. Never throws for what it cannot read: such values
    /// are unknown with a reason.
    /// </summary>
    Task<HostStatus> DetectAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks that live patching does what it should: installed modules loaded, patches enabled and
    /// not stuck in transition (a transition is watched up to the configured threshold, then named
    /// with the tasks it waits for), objects patched, taint consistent, modules built for the
    /// running kernel, reboot advice.
    /// </summary>
    Task<VerificationReport> VerifyAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Installs the live patch for the running kernel (or <see cref="PackageOptions.KernelRelease"/>)
    /// the way Red Hat documents it: <c>dnf install "kpatch-patch = &lt;release&gt;"</c>. Takes the host
    /// lock and writes the audit journal; a dry run only lists the commands.
    /// </summary>
    Task<OperationResult> InstallAsync(PackageOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Updates it: <c>dnf update "kpatch-patch = &lt;release&gt;"</c>. Same lock, journal and dry run as install.</summary>
    Task<OperationResult> UpdateAsync(PackageOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>kpatch-patch packages in the repositories, for the running and every installed kernel, newer than what is installed.</summary>
    Task<Reading<IReadOnlyList<AvailablePatch>>> ListAvailableAsync(PackageOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Turns kpatch-dnf's automatic installation of patches for new kernels on or off (<c>dnf kpatch auto|manual</c>).</summary>
    Task<OperationResult> SetAutoUpdateAsync(bool enabled, PackageOptions? options = null, CancellationToken cancellationToken = default);
}
