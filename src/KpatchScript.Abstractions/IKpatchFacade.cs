using KpatchScript.Modules;
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
    /// running kernel, reboot advice. The report carries the host's verdict
    /// (<see cref="VerificationReport.Verdict"/>: covered, action needed or not covered, with coded
    /// reasons), the same every kpatch-script surface shows.
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

    /// <summary>
    /// Removes the live patch package of the running kernel (or <see cref="PackageOptions.KernelRelease"/>):
    /// <c>dnf remove "kpatch-patch = &lt;release&gt;"</c>. Same lock, journal and dry run as install.
    /// It does not revert the running kernel: a loaded live patch stays live until reboot (or an
    /// acknowledged <see cref="UnloadAsync"/>), as <see cref="OperationResult.Detail"/> says. Fails,
    /// before dnf runs, when no such package is installed.
    /// </summary>
    Task<OperationResult> RemoveAsync(PackageOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Downgrades that package to the newest older version in the repositories
    /// (<c>dnf downgrade "kpatch-patch = &lt;release&gt;"</c>), or to exactly <paramref name="toVersion"/>
    /// (<c>[EPOCH:]VERSION-RELEASE</c>, e.g. <c>1-2.el9_2</c>: <c>dnf downgrade NAME-VERSION-RELEASE.ARCH</c>).
    /// Same lock, journal and dry run as install. The running kernel keeps the loaded (newer) live
    /// patch until reboot; kpatch.service loads the older module at the next boot. Fails when nothing
    /// is installed or nothing older is in the repositories.
    /// </summary>
    Task<OperationResult> DowngradeAsync(PackageOptions? options = null, string? toVersion = null, CancellationToken cancellationToken = default);

    /// <summary>kpatch-patch packages in the repositories, for the running and every installed kernel, newer than what is installed.</summary>
    Task<Reading<IReadOnlyList<AvailablePatch>>> ListAvailableAsync(PackageOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Turns kpatch-dnf's automatic installation of patches for new kernels on or off (<c>dnf kpatch auto|manual</c>)
    /// and nothing else: kpatch.service is left as it is (<see cref="KpatchServiceChange.Keep"/>).
    /// </summary>
    Task<OperationResult> SetAutoUpdateAsync(bool enabled, PackageOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// kpatch-dnf's choices as Cockpit offers them, in one operation (one lock, one journal record, one
    /// dry run): on for all kernels (<c>dnf kpatch auto</c>) or the current one only (<c>dnf kpatch manual</c>,
    /// then <c>dnf install "kpatch-patch = &lt;release&gt;"</c>), or off (<c>dnf kpatch manual</c>); then
    /// kpatch.service enabled, disabled or kept as <paramref name="choice"/> says. Stops at the first failing command.
    /// </summary>
    Task<OperationResult> SetAutoUpdateAsync(AutoUpdateChoice choice, PackageOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Loads a live patch module (a <c>.ko</c> path on the target): through <c>kpatch load</c> when the
    /// kpatch CLI is installed, otherwise with <c>insmod</c>; then waits for the patch's transition up
    /// to the timeout, signalling stalled tasks where the kernel has <c>&lt;patch&gt;/signal</c>. A
    /// module built for another kernel, or not a livepatch module, is refused before anything runs.
    /// A stalled transition fails the operation with the tasks it waits for.
    /// </summary>
    Task<OperationResult> LoadAsync(string modulePath, LoadOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reverts a live patch and removes its module (<paramref name="patch"/>: a patch name or a
    /// <c>.ko</c> path): disables it, waits for the transition, then <c>rmmod</c>. Refused unless
    /// <paramref name="acknowledgement"/> says the caller knows Red Hat does not support this.
    /// </summary>
    Task<OperationResult> UnloadAsync(string patch, RevertAcknowledgement acknowledgement, UnloadOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>kpatch load --all</c>: loads every module installed for the running kernel
    /// (<c>/var/lib/kpatch/&lt;release&gt;</c>, then <c>/usr/lib/kpatch/&lt;release&gt;</c>, by file name),
    /// each as <see cref="LoadAsync"/> does, and stops at the first failure, naming the modules not tried.
    /// </summary>
    Task<OperationResult> LoadAllAsync(LoadOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>kpatch unload --all</c>: reverts every loaded live patch, newest first, each as
    /// <see cref="UnloadAsync"/> does; refused unless <paramref name="acknowledgement"/> is given.
    /// </summary>
    Task<OperationResult> UnloadAllAsync(RevertAcknowledgement acknowledgement, UnloadOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>kpatch info MODULE</c> and more: a module (a name installed for the running kernel, a loaded
    /// module's name, or a <c>.ko</c> path) with its modinfo fields, signature and the kernel's word on
    /// it, and, when loaded, its patch state, objects and functions. Unknown, with the reason, when it
    /// cannot be found or read. Reads only.
    /// </summary>
    Task<Reading<PatchModuleDetails>> InfoAsync(string patchModule, CancellationToken cancellationToken = default);
}
