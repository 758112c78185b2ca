using KpatchScript.Host;

namespace KpatchScript.Packages;

/// <summary>
/// The dnf command lines of package operations, as argument vectors. The package is named by
/// its virtual provide, as Red Hat documents: <c>dnf install "kpatch-patch = $(uname -r)"</c>.
/// </summary>
internal static class DnfCommands
{
    /// <summary>dnf may download metadata and run scriptlets; give it time.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    public static CommandSpec Install(string? installRoot, string kernelRelease, IProgress<string>? progress) =>
        Change(installRoot, "install", kernelRelease, progress);

    public static CommandSpec Update(string? installRoot, string kernelRelease, IProgress<string>? progress) =>
        Change(installRoot, "update", kernelRelease, progress);

    /// <summary><c>dnf remove "kpatch-patch = release"</c>: the package goes; a loaded live patch stays in the running kernel until reboot.</summary>
    public static CommandSpec Remove(string? installRoot, string kernelRelease, IProgress<string>? progress) =>
        Change(installRoot, "remove", kernelRelease, progress);

    /// <summary><c>dnf downgrade "kpatch-patch = release"</c>: to the newest version in the repositories older than the installed one.</summary>
    public static CommandSpec Downgrade(string? installRoot, string kernelRelease, IProgress<string>? progress) =>
        Change(installRoot, "downgrade", kernelRelease, progress);

    /// <summary>
    /// <c>dnf downgrade NAME-[EPOCH:]VERSION-RELEASE.ARCH</c>: to exactly that package. dnf takes a
    /// provide or a package spec, not both, so the version is pinned through the installed package's name.
    /// </summary>
    public static CommandSpec DowngradeTo(string? installRoot, string nevra, IProgress<string>? progress) =>
        new([.. Base(installRoot), "--assumeyes", "downgrade", nevra], Mutates: true) { Timeout = Timeout, Progress = progress };

    /// <summary>
    /// <c>dnf install kpatch kpatch-dnf</c>: what Cockpit's Software Updates installs before it turns
    /// live patching on (kpatch brings kpatch.service, kpatch-dnf the "dnf kpatch" command).
    /// </summary>
    public static CommandSpec InstallTooling(string? installRoot, IProgress<string>? progress) =>
        new([.. Base(installRoot), "--assumeyes", "install", "kpatch", "kpatch-dnf"], Mutates: true) { Timeout = Timeout, Progress = progress };

    /// <summary><c>dnf kpatch auto|manual</c>: kpatch-dnf's own switch for installing patches with new kernels.</summary>
    public static CommandSpec AutoUpdate(string? installRoot, bool enabled, IProgress<string>? progress) =>
        new([.. Base(installRoot), "--assumeyes", "kpatch", enabled ? "auto" : "manual"], Mutates: true) { Timeout = Timeout, Progress = progress };

    /// <summary>The newest package in the repositories that provides <c>kpatch-patch = release</c>.</summary>
    public static CommandSpec NewestFor(string? installRoot, string kernelRelease) =>
        Query(installRoot, "--available", "--latest-limit=1", "--queryformat", Format, "--whatprovides", $"kpatch-patch = {kernelRelease}");

    /// <summary>The newest package of every kpatch-patch name in the repositories: does any enabled repository carry live patches at all?</summary>
    public static CommandSpec AnyPatch(string? installRoot) =>
        Query(installRoot, "--available", "--latest-limit=1", "--queryformat", "%{name}\\n", "--whatprovides", "kpatch-patch");

    /// <summary>
    /// Every package in the repositories that provides <c>kpatch-patch = release</c>, any version (Red
    /// Hat's initial <c>0-0</c> too), with its build time: is the kernel eligible, and since when.
    /// </summary>
    public static CommandSpec AllFor(string? installRoot, string kernelRelease) =>
        Query(installRoot, "--available", "--queryformat", FormatWithBuildTime, "--whatprovides", $"kpatch-patch = {kernelRelease}");

    /// <summary>
    /// The provides of every package in the repositories that provides <paramref name="capability"/>,
    /// one a line (<c>kpatch-patch = 5.14.0-427.13.1.el9_4.x86_64</c>, <c>kernel-uname-r = ...</c>):
    /// which kernels have live patches, which kernels the repositories offer.
    /// </summary>
    public static CommandSpec ProvidesOf(string? installRoot, string capability) =>
        Query(installRoot, "--available", "--provides", "--whatprovides", capability);

    /// <summary>The enabled repositories: a header line, then one line per repository, its id first; nothing when none is enabled.</summary>
    public static CommandSpec EnabledRepositories(string? installRoot) =>
        new([.. Base(installRoot), "--quiet", "repolist", "--enabled"]) { Timeout = Timeout };

    /// <summary>Changelogs of the named available packages (name-version-release.arch), each after a "Changelog for" line.</summary>
    public static CommandSpec Changelogs(string? installRoot, IEnumerable<string> nevras) =>
        Query(installRoot, ["--available", "--changelogs", .. nevras]);

    /// <summary>One line per package; dnf prints 0 as the epoch of a package without one.</summary>
    public const string Format = "%{name}\\t%{epoch}\\t%{version}\\t%{release}\\t%{arch}";

    /// <summary><see cref="Format"/> and the build time: dnf 4 prints it as <c>yyyy-MM-dd HH:mm</c> (UTC), dnf 5 as seconds since 1970.</summary>
    public const string FormatWithBuildTime = Format + "\\t%{buildtime}";

    private static CommandSpec Change(string? installRoot, string verb, string kernelRelease, IProgress<string>? progress) =>
        new([.. Base(installRoot), "--assumeyes", verb, $"kpatch-patch = {kernelRelease}"], Mutates: true) { Timeout = Timeout, Progress = progress };

    private static CommandSpec Query(string? installRoot, params string[] arguments) =>
        new([.. Base(installRoot), "--quiet", "repoquery", .. arguments]) { Timeout = Timeout };

    /// <summary>
    /// An unreachable repository must fail the operation, not turn into "Nothing to do": some
    /// distributions default skip_if_unavailable to True.
    /// </summary>
    private static string[] Base(string? installRoot) =>
        installRoot is null
            ? ["dnf", "--setopt=skip_if_unavailable=False"]
            : ["dnf", "--setopt=skip_if_unavailable=False", $"--installroot={installRoot}"];
}
