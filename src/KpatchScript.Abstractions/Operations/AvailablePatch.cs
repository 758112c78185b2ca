using System.Text.Json.Serialization;

namespace KpatchScript.Operations;

/// <summary>A kpatch-patch package in the repositories that is newer than what is installed for its kernel.</summary>
/// <param name="Name">Package name, e.g. <c>kpatch-patch-5_14_0-284_11_1</c>.</param>
/// <param name="Version">Package version.</param>
/// <param name="Release">Package release.</param>
/// <param name="Arch">Package architecture.</param>
/// <param name="KernelRelease">The kernel it patches.</param>
/// <param name="ForRunningKernel">True when that kernel is running.</param>
/// <param name="InstalledVersion">The installed <c>[epoch:]version-release</c> of the same package (the epoch only when it has one), or null.</param>
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
    IReadOnlyList<string> NewCves)
{
    /// <summary>The package epoch, or null when it has none (or 0: rpm orders both alike). It outranks the version: <c>1:1.0-1</c> is newer than <c>2.0-1</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Epoch { get; init; }

    /// <summary><c>[epoch:]version-release</c>, as rpm prints it: the epoch only when there is one.</summary>
    [JsonIgnore]
    public string EpochVersionRelease => (Epoch is null ? "" : Epoch + ":") + Version + "-" + Release;
}
