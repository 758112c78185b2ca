namespace KpatchScript.Status;

/// <summary>
/// The answer to "am I covered?": everything detection read from one target. Serialized as the
/// versioned JSON of <c>kpatch-script status --json</c> (schema: <c>host-status.schema.json</c>).
/// </summary>
/// <param name="SchemaVersion">Version of the JSON schema this document follows.</param>
/// <param name="Target">The target it was read from: <c>local</c>, <c>sysroot:/path</c>.</param>
/// <param name="CollectedAt">When detection ran (UTC, from the injected clock).</param>
/// <param name="ToolVersion">The KpatchScript version that read it.</param>
/// <param name="Host">Host name, operating system, architecture.</param>
/// <param name="Kernel">Running and installed kernels, reboot advice.</param>
/// <param name="Livepatch">The kernel's livepatch state: support, taint, patches.</param>
/// <param name="Kpatch">kpatch tooling: CLI, installed modules, kpatch-dnf, kpatch.service.</param>
/// <param name="Packages">Installed <c>kpatch-patch-*</c> packages, when rpm can tell.</param>
/// <param name="Coverage">CVEs fixed live now, and those an available update would add.</param>
public sealed record HostStatus(
    int SchemaVersion,
    string Target,
    DateTimeOffset CollectedAt,
    string ToolVersion,
    HostInfo Host,
    KernelStatus Kernel,
    LivepatchStatus Livepatch,
    KpatchTooling Kpatch,
    Reading<IReadOnlyList<KpatchPatchPackage>> Packages,
    CveCoverage Coverage)
{
    /// <summary>The schema version this build writes.</summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>
    /// The CVEs this host is still exposed to, from the configured mirror of Red Hat's CSAF VEX
    /// documents; unknown with <see cref="CveExposure.NotConfigured"/> when none is configured.
    /// </summary>
    /// <remarks>Never null: System.Text.Json sets an init property a document lacks to null, which reads as not configured.</remarks>
    public Reading<CveExposure> Exposure
    {
        get => _exposure;
        init => _exposure = value ?? NotConfigured;
    }

    private static readonly Reading<CveExposure> NotConfigured = Reading.Unknown<CveExposure>(CveExposure.NotConfigured);

    private readonly Reading<CveExposure> _exposure = NotConfigured;
}
