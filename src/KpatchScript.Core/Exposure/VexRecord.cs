namespace KpatchScript.Exposure;

/// <summary>
/// What the exposure needs of one CVE's VEX document: its id, its severity, and the kernel and
/// kpatch-patch products it names with their status. Everything else of the document is left behind.
/// </summary>
/// <param name="Cve">The CVE id (<c>vulnerabilities[0].cve</c>).</param>
/// <param name="Severity">The impact threat (Low, Moderate, Important, Critical), else the document's aggregate severity; null when neither is given.</param>
/// <param name="Products">The kernel and kpatch-patch products, each once.</param>
internal sealed record VexRecord(string Cve, string? Severity, IReadOnlyList<VexProduct> Products);

/// <summary>One kernel or kpatch-patch product of a VEX document.</summary>
/// <param name="Status">The product_status it is listed in.</param>
/// <param name="Name">The package name: <c>kernel</c> or <c>kpatch-patch-5_14_0-427_13_1</c>.</param>
/// <param name="Major">The RHEL major version of its platform (9 for <c>BaseOS-9.4.0.Z.MAIN</c> or <c>red_hat_enterprise_linux_9</c>).</param>
/// <param name="Evr">For a fixed package, its <c>[epoch:]version-release</c> without the architecture (<c>5.14.0-427.20.1.el9_4</c>); empty for a component named without a version.</param>
/// <param name="Advisory">The vendor_fix remediation's URL for it, or empty.</param>
internal sealed record VexProduct(VexStatus Status, string Name, int Major, string Evr, string Advisory);

/// <summary>CSAF 2.0 product_status groups the exposure reads.</summary>
internal enum VexStatus
{
    /// <summary><c>fixed</c> (and <c>first_fixed</c>).</summary>
    Fixed,

    /// <summary><c>known_affected</c>.</summary>
    KnownAffected,

    /// <summary><c>known_not_affected</c>.</summary>
    KnownNotAffected,

    /// <summary><c>under_investigation</c>.</summary>
    UnderInvestigation,
}
