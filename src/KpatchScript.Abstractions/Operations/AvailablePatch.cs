namespace KpatchScript.Operations;

/// <summary>A kpatch-patch package in the repositories that is newer than what is installed for its kernel.</summary>
/// <param name="Name">Package name, e.g. <c>kpatch-patch-5_14_0-284_11_1</c>.</param>
/// <param name="Version">Package version.</param>
/// <param name="Release">Package release.</param>
/// <param name="Arch">Package architecture.</param>
/// <param name="KernelRelease">The kernel it patches.</param>
/// <param name="ForRunningKernel">True when that kernel is running.</param>
/// <param name="InstalledVersion">The installed version-release of the same package, or null.</param>
/// <param name="Cves">CVEs in its changelog.</param>
/// <param name="NewCves">CVEs it fixes that the installed version does not.</param>
public sealed record AvailablePatch(
    string Name,
    string Version,
    string Release,
    string Arch,
    string KernelRelease,
    bool ForRunningKernel,
    string? InstalledVersion,
    IReadOnlyList<string> Cves,
    IReadOnlyList<string> NewCves);
