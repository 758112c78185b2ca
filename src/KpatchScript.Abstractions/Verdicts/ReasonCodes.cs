namespace KpatchScript.Verdicts;

/// <summary>
/// Every reason a verdict can give, with its level. The verdict table of src/KpatchScript.Cli/README.md is this table; a
/// test holds the two equal. Sites downgrade codes by configuration (<see cref="VerdictOptions.Downgrades"/>), never by default.
/// </summary>
public static class ReasonCodes
{
    /// <summary>The running kernel release cannot be read (action needed).</summary>
    public const string UnknownRunningKernel = "unknown-running-kernel";

    /// <summary>Whether the kernel has the livepatch interface cannot be read (action needed).</summary>
    public const string UnknownLivepatchSupport = "unknown-livepatch-support";

    /// <summary>The kernel has no livepatch interface (not covered).</summary>
    public const string LivepatchUnsupported = "livepatch-unsupported";

    /// <summary>The repositories say no live patches exist for the running kernel (not covered).</summary>
    public const string KernelNotEligible = "kernel-not-eligible";

    /// <summary>The repositories were asked whether the running kernel gets live patches and could not tell (action needed).</summary>
    public const string UnknownEligibility = "unknown-eligibility";

    /// <summary>The support window cannot be estimated (action needed).</summary>
    public const string UnknownSupportWindow = "unknown-support-window";

    /// <summary>The estimated support window ended (not covered).</summary>
    public const string SupportWindowEnded = "support-window-ended";

    /// <summary>The support window ends soon (action needed).</summary>
    public const string SupportWindowEnding = "support-window-ending";

    /// <summary>No live patch loaded and none installed for the running kernel (not covered).</summary>
    public const string NothingInstalled = "nothing-installed";

    /// <summary>Only the initial 0-0 package is installed: nothing released yet (note).</summary>
    public const string NoLivePatchReleased = "no-live-patch-released";

    /// <summary>Prefix of a failed verification check's code: <c>check-failed:&lt;check&gt;</c>.</summary>
    public const string CheckFailed = "check-failed";

    /// <summary>Prefix of a warning verification check's code: <c>check-warned:&lt;check&gt;</c>.</summary>
    public const string CheckWarned = "check-warned";

    /// <summary>Status only: the loaded patches cannot be read (action needed).</summary>
    public const string UnknownPatches = "unknown-patches";

    /// <summary>Status only: a live patch is disabled (not covered).</summary>
    public const string PatchDisabled = "patch-disabled";

    /// <summary>Status only: a live patch was in transition (not covered).</summary>
    public const string PatchInTransition = "patch-in-transition";

    /// <summary>Status only: an installed module is not loaded (not covered).</summary>
    public const string ModuleNotLoaded = "module-not-loaded";

    /// <summary>Status only: judged without verification (note).</summary>
    public const string VerificationNotRun = "verification-not-run";

    /// <summary>Reboot advice cannot be given (action needed).</summary>
    public const string UnknownReboot = "unknown-reboot";

    /// <summary>A newer kernel is installed and nothing live patches the running one (action needed).</summary>
    public const string RebootDue = "reboot-due";

    /// <summary>A newer kernel is installed; live patches cover the running one meanwhile (action needed).</summary>
    public const string RebootRecommended = "reboot-recommended";

    /// <summary>The installed kpatch-patch packages cannot be read (action needed).</summary>
    public const string UnknownPackages = "unknown-packages";

    /// <summary>Which CVEs are fixed live cannot be told (action needed).</summary>
    public const string UnknownCves = "unknown-cves";

    /// <summary>CVEs fixed by installed packages whose module is not loaded (action needed).</summary>
    public const string CvesNotLive = "cves-not-live";

    /// <summary>dnf was asked for updates and could not tell (action needed).</summary>
    public const string UnknownUpdates = "unknown-updates";

    /// <summary>dnf was not asked for updates (note).</summary>
    public const string UpdatesNotChecked = "updates-not-checked";

    /// <summary>A newer live patch for the running kernel is available (action needed).</summary>
    public const string UpdateAvailable = "update-available";

    /// <summary>Important or critical CVEs affect the running kernel and a fix is released that is not in effect (action needed).</summary>
    public const string CvesExposed = "cves-exposed";

    /// <summary>A VEX mirror is configured and cannot be read (action needed).</summary>
    public const string UnknownExposure = "unknown-exposure";

    /// <summary>Files of the VEX mirror are not valid CSAF VEX and were skipped (action needed).</summary>
    public const string ExposureIncomplete = "exposure-incomplete";

    /// <summary>One row of the table: a code (or code prefix), its level, and when it is given.</summary>
    public sealed record Entry(string Code, ReasonLevel Level, string When);

    /// <summary>Every code with its level, as the verdict table of src/KpatchScript.Cli/README.md lists them.</summary>
    public static IReadOnlyList<Entry> All { get; } =
    [
        new(UnknownRunningKernel, ReasonLevel.ActionNeeded, "the running kernel release cannot be read"),
        new(UnknownLivepatchSupport, ReasonLevel.ActionNeeded, "whether the kernel has the livepatch interface cannot be read"),
        new(LivepatchUnsupported, ReasonLevel.NotCovered, "the kernel has no /sys/kernel/livepatch (no CONFIG_LIVEPATCH)"),
        new(KernelNotEligible, ReasonLevel.NotCovered, "this kernel gets no live patches: no enabled repository has a package providing kpatch-patch = <running kernel> (it is not kpatch-eligible); the reason names the newest eligible kernel to install"),
        new(UnknownEligibility, ReasonLevel.ActionNeeded, "the repositories were asked (--check-updates, reports) whether the running kernel is kpatch-eligible and could not tell"),
        new(UnknownSupportWindow, ReasonLevel.ActionNeeded, "the support window cannot be found (no build date in /proc/version, an unreadable support_window_file)"),
        new(SupportWindowEnded, ReasonLevel.NotCovered, "the support window of the running kernel has ended (from configuration, the lifecycle file, the repositories or the estimate)"),
        new(SupportWindowEnding, ReasonLevel.ActionNeeded, "the support window ends within alerts.rules.support-window-ending.days (30)"),
        new(NothingInstalled, ReasonLevel.NotCovered, "no live patch is loaded and none is installed for the running kernel"),
        new(NoLivePatchReleased, ReasonLevel.Note, "only Red Hat's initial kpatch-patch 0-0 package (no module) is installed for the running kernel: no live patch released yet"),
        new(CheckFailed + ":<check>", ReasonLevel.NotCovered, "a verification check failed (a patch disabled or stuck in transition, a module not loaded or built for another kernel, an unreadable value, a plugin's check ...)"),
        new(CheckWarned + ":<check>", ReasonLevel.ActionNeeded, "a verification check warned"),
        new(UnknownPatches, ReasonLevel.ActionNeeded, "(status documents without verification: fleet reports of old documents) the loaded patches cannot be read"),
        new(PatchDisabled, ReasonLevel.NotCovered, "(status documents without verification) a live patch is disabled"),
        new(PatchInTransition, ReasonLevel.NotCovered, "(status documents without verification) a live patch was in transition"),
        new(ModuleNotLoaded, ReasonLevel.NotCovered, "(status documents without verification) a module installed for the running kernel is not loaded"),
        new(VerificationNotRun, ReasonLevel.Note, "(status documents without verification) the verdict was judged from the status alone"),
        new(UnknownReboot, ReasonLevel.ActionNeeded, "the installed kernels cannot be read, so reboot advice is unknown"),
        new(RebootDue, ReasonLevel.ActionNeeded, "a newer kernel is installed and the running one carries no live patch"),
        new(RebootRecommended, ReasonLevel.ActionNeeded, "a newer kernel is installed; live patches cover the running one until the reboot"),
        new(UnknownPackages, ReasonLevel.ActionNeeded, "the installed kpatch-patch packages cannot be read (no rpm, no rpm database)"),
        new(UnknownCves, ReasonLevel.ActionNeeded, "which CVEs are fixed live cannot be told"),
        new(CvesNotLive, ReasonLevel.ActionNeeded, "CVEs are fixed by an installed package whose module is not loaded"),
        new(UnknownUpdates, ReasonLevel.ActionNeeded, "dnf was asked for newer live patches (--check-updates) and could not tell"),
        new(UpdatesNotChecked, ReasonLevel.Note, "dnf was not asked for newer live patches (status and verify without --check-updates)"),
        new(UpdateAvailable, ReasonLevel.ActionNeeded, "a newer live patch for the running kernel is in the repositories"),
        new(CvesExposed, ReasonLevel.ActionNeeded, "(vex_directory configured) important or critical CVEs affect the running kernel and a fix is released that is not in effect here (a kpatch-patch package, or a newer kernel)"),
        new(UnknownExposure, ReasonLevel.ActionNeeded, "(vex_directory configured) the VEX mirror cannot be read, or the running kernel is not one a VEX stream names"),
        new(ExposureIncomplete, ReasonLevel.ActionNeeded, "(vex_directory configured) files of the VEX mirror are not valid CSAF VEX and were skipped: their CVEs are unknown, not unaffected"),
    ];

    /// <summary>
    /// True when <paramref name="key"/> names codes: a code of the table, or the check prefixes
    /// alone or with a check name (<c>check-failed:module-vermagic</c>, <c>check-failed:MyPlugin</c>).
    /// </summary>
    public static bool IsKnownKey(string key) =>
        All.Any(e => e.Code == key)
        || key is CheckFailed or CheckWarned
        || ((key.StartsWith(CheckFailed + ":", StringComparison.Ordinal) || key.StartsWith(CheckWarned + ":", StringComparison.Ordinal)) && !key.EndsWith(':'));

    /// <summary>True when <paramref name="key"/> names <paramref name="code"/>: equal to it, or a prefix of it up to a ':'.</summary>
    public static bool Matches(string key, string code) =>
        code == key || (code.Length > key.Length && code.StartsWith(key, StringComparison.Ordinal) && code[key.Length] == ':');
}
