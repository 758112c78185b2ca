namespace KpatchScript.Status;

/// <summary>
/// Whether the running kernel gets live patches at all. Red Hat ships them only for selected
/// ("kpatch-eligible") kernels: a kernel is eligible when an enabled repository has a package that
/// provides <c>kpatch-patch = &lt;release&gt;</c> (any version, Red Hat's initial <c>0-0</c> included).
/// Asked of dnf only with <c>--check-updates</c>, <c>available</c> and reports that check updates.
/// </summary>
/// <param name="Kernel">The kernel release that was asked about (the running one).</param>
/// <param name="Eligible">True when some package in the repositories provides <c>kpatch-patch = Kernel</c>.</param>
/// <param name="Packages">Those packages, <c>name-[epoch:]version-release.arch</c>, oldest build first.</param>
/// <param name="FirstPackageBuilt">The build date (yyyy-MM-dd, UTC) of the first of them: where the support window starts; null when not eligible.</param>
/// <param name="NewestEligibleKernel">The newest kernel the repositories offer for which live patches exist (what kpatch-dnf's filter would show), or null when none.</param>
/// <param name="Remedy">For a kernel that is not eligible, what to do, in one sentence; null when eligible.</param>
public sealed record KernelEligibility(
    string Kernel,
    bool Eligible,
    IReadOnlyList<string> Packages,
    string? FirstPackageBuilt,
    string? NewestEligibleKernel,
    string? Remedy);
