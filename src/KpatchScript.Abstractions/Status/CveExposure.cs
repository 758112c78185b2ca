namespace KpatchScript.Status;

/// <summary>
/// Which CVEs the host is still exposed to after its live patches, from an offline mirror of Red
/// Hat's CSAF VEX documents (one JSON per CVE; <c>vex_directory</c>). Every CVE whose VEX names the
/// host's kernel stream (the RHEL major version of the running kernel's dist tag) is classified;
/// those not affected are only counted.
/// </summary>
/// <param name="Mirror">The VEX directory that was read.</param>
/// <param name="Documents">VEX documents indexed (read and valid).</param>
/// <param name="Counts">How many CVEs are in each state.</param>
/// <param name="Cves">Every CVE in a state other than not affected: worst first (fix available, no fix yet, fixed after reboot, fixed live), then by CVE id.</param>
/// <param name="Skipped">Files that could not be read as CSAF VEX: named and skipped, never read as not affected.</param>
public sealed record CveExposure(
    string Mirror,
    int Documents,
    ExposureCounts Counts,
    IReadOnlyList<ExposedCve> Cves,
    IReadOnlyList<SkippedVexFile> Skipped)
{
    /// <summary>The reason of an exposure that was not asked for: no VEX directory configured.</summary>
    public const string NotConfigured = "not configured: set vex_directory to a mirror of Red Hat's CSAF VEX documents";
}

/// <summary>How many CVEs the host has in each state.</summary>
public sealed record ExposureCounts(int FixedLive, int FixedAfterReboot, int FixAvailable, int NoFixYet, int NotAffected);

/// <summary>One CVE on this host.</summary>
/// <param name="Cve">The CVE id.</param>
/// <param name="State">fixed live, fixed after reboot, fix available, no fix yet (see <see cref="ExposureStates"/>).</param>
/// <param name="Severity">Red Hat's impact from the VEX (Low, Moderate, Important, Critical), or null when it names none.</param>
/// <param name="FixedBy">What fixes it here: the live patch package, the newer kernel (installed or in the data), or null.</param>
/// <param name="Advisory">The vendor fix's URL (the RHSA) when the VEX gives one, else null.</param>
public sealed record ExposedCve(string Cve, string State, string? Severity, string? FixedBy, string? Advisory);

/// <summary>A VEX file that was skipped, and why.</summary>
public sealed record SkippedVexFile(string File, string Reason);

/// <summary>The states of a CVE on a host.</summary>
public static class ExposureStates
{
    /// <summary>An installed kpatch-patch package fixes it and its module is enabled.</summary>
    public const string FixedLive = "fixed live";

    /// <summary>A newer installed kernel fixes it: booting it does.</summary>
    public const string FixedAfterReboot = "fixed after reboot";

    /// <summary>A newer kernel or a kpatch-patch package for the running kernel fixes it, and neither is in effect here.</summary>
    public const string FixAvailable = "fix available";

    /// <summary>The running kernel is affected and no fix is released for its stream.</summary>
    public const string NoFixYet = "no fix yet";

    /// <summary>The running kernel is not affected (or already carries the fix).</summary>
    public const string NotAffected = "not affected";
}
