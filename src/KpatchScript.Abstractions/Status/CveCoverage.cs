using KpatchScript.Operations;

namespace KpatchScript.Status;

/// <summary>Which CVEs the running kernel is protected from now, and which an available update would add.</summary>
/// <param name="FixedLiveNow">CVEs in the changelogs of installed kpatch-patch packages for the running kernel whose patch module is enabled.</param>
/// <param name="InstalledNotLive">CVEs of installed packages for the running kernel whose module is not loaded (fixed on disk, not in memory).</param>
/// <param name="Updates">Newer packages in the repositories and the CVEs they add; asked of dnf only with <c>status --check-updates</c>.</param>
public sealed record CveCoverage(
    Reading<IReadOnlyList<string>> FixedLiveNow,
    Reading<IReadOnlyList<string>> InstalledNotLive,
    Reading<IReadOnlyList<AvailablePatch>> Updates);
