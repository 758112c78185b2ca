namespace KpatchScript.Detection;

/// <summary>Where Linux, the kernel and kpatch keep what detection reads (see shared/reference/kpatch.md).</summary>
internal static class KnownPaths
{
    public const string OsRelease = "/proc/sys/kernel/osrelease";
    public const string Hostname = "/proc/sys/kernel/hostname";
    public const string EtcHostname = "/etc/hostname";
    public const string Arch = "/proc/sys/kernel/arch";
    public const string Tainted = "/proc/sys/kernel/tainted";
    public const string ProcModules = "/proc/modules";
    public const string Proc = "/proc";
    public const string SysKernel = "/sys/kernel";
    public const string Livepatch = "/sys/kernel/livepatch";
    public const string EtcOsRelease = "/etc/os-release";
    public const string UsrLibOsRelease = "/usr/lib/os-release";
    public const string Boot = "/boot";
    public const string KpatchDnfConfig = "/etc/dnf/plugins/kpatch.conf";
    public const string SystemdRunning = "/run/systemd/system";
    public const string KpatchUnit = "kpatch.service";

    /// <summary>Installed modules per kernel (kpatch install), then the RPM payload location.</summary>
    public static readonly string[] ModuleDirectories = ["/var/lib/kpatch", "/usr/lib/kpatch"];

    /// <summary>Where kpatch's Makefile puts the script with PREFIX=/usr (RHEL) or /usr/local.</summary>
    public static readonly string[] KpatchCli = ["/usr/sbin/kpatch", "/usr/local/sbin/kpatch", "/sbin/kpatch", "/usr/bin/kpatch"];

    /// <summary>
    /// kmod's modinfo (RHEL: /usr/sbin/modinfo). Named by path, not looked up on PATH: a busybox shell
    /// runs its own modinfo applet for a bare "modinfo", which cannot read signatures.
    /// </summary>
    public static readonly string[] Modinfo = ["/usr/sbin/modinfo", "/sbin/modinfo", "/usr/bin/modinfo", "/bin/modinfo"];

    /// <summary>Python library roots that may hold dnf-plugins/kpatch.py.</summary>
    public static readonly string[] PythonRoots = ["/usr/lib", "/usr/lib64"];

    public static readonly string[] UnitDirectories = ["/etc/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system"];

    public const int TaintLivepatchBit = 32768;

    /// <summary>
    /// What detection reads, as snapshot roots, so a remote target answers it in one round trip.
    /// Reads outside them (kpatch's script, module files, task names) still go to the target.
    /// Built when a remote target is asked, not with the other paths: status on this host or a
    /// sysroot never needs it (start-up time; no LINQ for the same reason).
    /// </summary>
    public static Targets.SnapshotRoot[] DetectionSnapshot =>
    [
        Targets.SnapshotRoot.Text(OsRelease), Targets.SnapshotRoot.Text(Hostname), Targets.SnapshotRoot.Text(Arch), Targets.SnapshotRoot.Text(Tainted),
        Targets.SnapshotRoot.Text(ProcModules), Targets.SnapshotRoot.Text("/proc/version"),
        Targets.SnapshotRoot.Text(EtcOsRelease), Targets.SnapshotRoot.Text(UsrLibOsRelease), Targets.SnapshotRoot.Text(EtcHostname), Targets.SnapshotRoot.Text(KpatchDnfConfig),
        Targets.SnapshotRoot.Names(SysKernel), Targets.SnapshotRoot.Text(Livepatch, depth: 4),
        Targets.SnapshotRoot.Names(SystemdRunning), Targets.SnapshotRoot.Names(Boot, depth: 1),
        Targets.SnapshotRoot.Names(ModuleDirectories[0], depth: 2), Targets.SnapshotRoot.Names(ModuleDirectories[1], depth: 2),
        .. Array.ConvertAll(KpatchCli, p => Targets.SnapshotRoot.Names(p)),
        Targets.SnapshotRoot.Names(UnitDirectories[0], depth: 2),
        .. Array.ConvertAll(UnitDirectories[1..], d => Targets.SnapshotRoot.Names($"{d}/{KpatchUnit}")),
        .. Array.ConvertAll(PythonRoots, r => Targets.SnapshotRoot.Names(r, depth: 1)),
        .. Array.ConvertAll(PythonRoots, r => Targets.SnapshotRoot.Names($"{r}/python*/site-packages/dnf-plugins/kpatch.py")),
        // The tasks a transition waits for: every task's patch_state, read without a process each.
        Targets.SnapshotRoot.Names(Proc, depth: 1), Targets.SnapshotRoot.Names("/proc/[0-9]*/task", depth: 1),
        Targets.SnapshotRoot.FirstLine("/proc/[0-9]*/task/[0-9]*/patch_state"),
    ];
}
