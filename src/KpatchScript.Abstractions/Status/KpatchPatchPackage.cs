using System.Text.Json.Serialization;

namespace KpatchScript.Status;

/// <summary>An installed <c>kpatch-patch-*</c> package.</summary>
/// <param name="Name">Package name, e.g. <c>kpatch-patch-5_14_0-284_11_1</c>.</param>
/// <param name="Version">Package version (the patch level, e.g. <c>1</c>).</param>
/// <param name="Release">Package release, e.g. <c>2.el9_2</c>.</param>
/// <param name="Arch">Package architecture.</param>
/// <param name="KernelRelease">The kernel it patches, from its <c>kpatch-patch = &lt;release&gt;</c> provide.</param>
/// <param name="ForRunningKernel">True when that kernel is running.</param>
/// <param name="Cves">CVE ids in its changelog (<c>{CVE-…}</c> tokens), sorted.</param>
public sealed record KpatchPatchPackage(
    string Name,
    string Version,
    string Release,
    string Arch,
    Reading<string> KernelRelease,
    bool ForRunningKernel,
    IReadOnlyList<string> Cves)
{
    /// <summary>
    /// The package epoch, or null when it has none (or 0: rpm orders both alike). rpm orders
    /// packages by epoch first, then version, then release: compare them as such, never as one string.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Epoch { get; init; }

    /// <summary><c>[epoch:]version-release</c>, as rpm prints it: the epoch only when there is one.</summary>
    [JsonIgnore]
    public string EpochVersionRelease => (Epoch is null ? "" : Epoch + ":") + Version + "-" + Release;
}
