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

    /// <summary>Python library roots that may hold dnf-plugins/kpatch.py.</summary>
    public static readonly string[] PythonRoots = ["/usr/lib", "/usr/lib64"];

    public static readonly string[] UnitDirectories = ["/etc/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system"];

    public const int TaintLivepatchBit = 32768;
}
