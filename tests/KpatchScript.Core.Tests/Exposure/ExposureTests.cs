using KpatchScript.Exposure;
using KpatchScript.Status;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;
using KpatchScript.Verdicts;

namespace KpatchScript.Core.Tests.Exposure;

/// <summary>
/// Exposure on one host from our VEX fixtures: rhel9-kpatch-dnf runs 5.14.0-427.13.1.el9_4 with
/// kpatch-patch-5_14_0-427_13_1 1-2 enabled (its changelog names CVE-2024-1086), and has
/// 5.14.0-503.11.1.el9_5 installed. Each fixture is made for one classification.
/// </summary>
public sealed class ExposureTests : IDisposable
{
    private readonly string _mirror = Directory.CreateTempSubdirectory("kps-vex-mirror-").FullName;
    private readonly string _cache = Directory.CreateTempSubdirectory("kps-vex-cache-").FullName;

    public ExposureTests()
    {
        foreach (var file in Directory.GetFiles(VexFixtureTests.Directory, "*.json"))
        {
            File.Copy(file, Path.Combine(_mirror, Path.GetFileName(file)));
        }
    }

    public void Dispose()
    {
        Directory.Delete(_mirror, recursive: true);
        Directory.Delete(_cache, recursive: true);
    }

    private HostStatus Detect(string? mirror = "", string fixture = SysrootFixtures.Rhel9KpatchDnf) =>
        new KpatchFacade(new SysrootHostSystem(SysrootFixtures.Get(fixture)), FixedTimeProvider.Default,
            new KpatchSettings { VexDirectory = mirror == "" ? _mirror : mirror, CacheDirectory = _cache }).Detect();

    [Fact]
    public void Every_classification_on_one_host()
    {
        var exposure = Detect().Exposure.Value!;

        Assert.Equal(
            [
                ("CVE-2024-41009", ExposureStates.FixAvailable, "Important", "kernel-5.14.0-427.31.1.el9_4", "https://access.redhat.com/errata/RHSA-2024:5928"),
                ("CVE-2024-42284", ExposureStates.FixAvailable, "Critical", "kpatch-patch-5_14_0-427_13_1-1-3.el9_4", "https://access.redhat.com/errata/RHSA-2024:6206"),
                ("CVE-2024-50001", ExposureStates.NoFixYet, "Moderate", null, null),
                ("CVE-2024-36971", ExposureStates.FixedAfterReboot, "Important", "kernel 5.14.0-503.11.1.el9_5", "https://access.redhat.com/errata/RHSA-2024:5101"),
                ("CVE-2024-1086", ExposureStates.FixedLive, "Important", "kpatch-patch-5_14_0-427_13_1-1-2.el9_4", null),
                ("CVE-2024-35001", ExposureStates.FixedLive, "Important", "kpatch-patch-5_14_0-427_13_1-1-2.el9_4", "https://access.redhat.com/errata/RHSA-2024:3500"),
            ],
            exposure.Cves.Select(c => (c.Cve, c.State, c.Severity, c.FixedBy, c.Advisory)));

        // CVE-2024-50002 (known not affected) and CVE-2023-52000 (fixed in the running kernel) are counted;
        // CVE-2024-50003 names RHEL 8 only, not this host's stream.
        Assert.Equal(new ExposureCounts(FixedLive: 2, FixedAfterReboot: 1, FixAvailable: 2, NoFixYet: 1, NotAffected: 2), exposure.Counts);
        Assert.Equal((9, 0), (exposure.Documents, exposure.Skipped.Count));
    }

    [Fact]
    public void A_kernel_of_a_later_minor_stream_carries_the_fixes_of_earlier_ones_unless_the_vex_still_lists_its_major_affected()
    {
        // rhel9-covered runs 5.14.0-570.12.1.el9_6: every fixture fixes kernels of 9.4 and 9.5 only.
        var exposure = Detect(fixture: SysrootFixtures.Rhel9Covered).Exposure.Value!;

        Assert.Equal([("CVE-2024-50001", ExposureStates.NoFixYet)], exposure.Cves.Select(c => (c.Cve, c.State)));
        Assert.Equal(new ExposureCounts(0, 0, 0, 1, 7), exposure.Counts);
    }

    [Fact]
    public void Important_and_critical_cves_with_a_fix_available_need_action_and_nothing_else_of_the_exposure_does()
    {
        var status = Detect();

        var reason = Assert.Single(VerdictJudge.Judge(status, null).Reasons, r => r.Code.Contains("exposure", StringComparison.Ordinal) || r.Code == ReasonCodes.CvesExposed);

        Assert.Equal((ReasonCodes.CvesExposed, ReasonLevel.ActionNeeded), (reason.Code, reason.Level));
        Assert.Equal(
            "2 important or critical CVE(s) affect the running kernel and have a fix available: CVE-2024-41009 (Important, fixed by kernel-5.14.0-427.31.1.el9_4), " +
            "CVE-2024-42284 (Critical, fixed by kpatch-patch-5_14_0-427_13_1-1-3.el9_4); install the live patch ('kpatch-script install' or 'update'), or the kernel and reboot.",
            reason.Text);
    }

    [Fact]
    public void Without_a_mirror_configured_it_is_not_configured_and_no_reason_and_an_unreadable_one_is_unknown()
    {
        var none = Detect(mirror: null);
        var missing = Detect(Path.Combine(_mirror, "no-such-directory"));

        Assert.Equal(CveExposure.NotConfigured, none.Exposure.UnknownReason);
        Assert.DoesNotContain(VerdictJudge.Judge(none, null).Reasons, r => r.Code is ReasonCodes.UnknownExposure or ReasonCodes.CvesExposed or ReasonCodes.ExposureIncomplete);
        Assert.StartsWith("the VEX mirror cannot be read: the VEX directory ", missing.Exposure.UnknownReason, StringComparison.Ordinal);
        var unknown = Assert.Single(VerdictJudge.Judge(missing, null).Reasons, r => r.Code == ReasonCodes.UnknownExposure);
        Assert.Equal(ReasonLevel.ActionNeeded, unknown.Level);
    }

    [Fact]
    public void Malformed_and_partial_files_are_named_and_skipped_never_counted_as_not_affected()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(VexFixtureTests.Directory, "Malformed")))
        {
            File.Copy(file, Path.Combine(_mirror, Path.GetFileName(file)));
        }

        var status = Detect();
        var exposure = status.Exposure.Value!;

        Assert.Equal(
            ["cve-2024-60001-truncated.json", "cve-2024-60002-no-product-tree.json", "cve-2024-60003-unresolved-product.json", "cve-2024-60004-missing-document-fields.json"],
            exposure.Skipped.Select(s => s.File));
        Assert.Equal((9, 2), (exposure.Documents, exposure.Counts.NotAffected));
        Assert.DoesNotContain(exposure.Cves, c => c.Cve.StartsWith("CVE-2024-6000", StringComparison.Ordinal));
        var reason = Assert.Single(VerdictJudge.Judge(status, null).Reasons, r => r.Code == ReasonCodes.ExposureIncomplete);
        Assert.StartsWith($"4 file(s) of the VEX mirror {_mirror} are not valid CSAF VEX and were skipped (their CVEs are unknown, not unaffected), first cve-2024-60001-truncated.json: not JSON: ", reason.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_index_is_read_once_then_from_the_cache_a_changed_file_again_and_a_corrupt_cache_is_rebuilt()
    {
        var cacheFile = VexIndex.CacheFileOf(_mirror, _cache);

        var first = VexIndex.Load(_mirror, cacheFile);
        var second = VexIndex.Load(_mirror, cacheFile);
        File.SetLastWriteTimeUtc(Path.Combine(_mirror, "cve-2024-50001.json"), new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var changed = VexIndex.Load(_mirror, cacheFile);
        var bytes = File.ReadAllBytes(cacheFile);
        var severity = bytes.AsSpan().IndexOf("Moderate"u8);
        bytes[severity - 1] = 200; // the length prefix of a string: the rest no longer reads as written
        File.WriteAllBytes(cacheFile, bytes);
        var afterCorruption = VexIndex.Load(_mirror, cacheFile);
        File.WriteAllBytes(cacheFile, File.ReadAllBytes(cacheFile)[..^4]); // the end mark cut off: a cache cut short
        var afterCut = VexIndex.Load(_mirror, cacheFile);
        File.WriteAllBytes(cacheFile, [.. File.ReadAllBytes(cacheFile), 0]); // one byte more than written
        var afterGrowth = VexIndex.Load(_mirror, cacheFile);
        var afterRebuilds = VexIndex.Load(_mirror, cacheFile);

        Assert.Equal((9, 0, 1, 9, 9, 9, 0),
            (first.DocumentsRead, second.DocumentsRead, changed.DocumentsRead, afterCorruption.DocumentsRead, afterCut.DocumentsRead, afterGrowth.DocumentsRead, afterRebuilds.DocumentsRead));
        Assert.Equal(
            first.Records.Select(r => r.Cve + r.Severity + string.Join(";", r.Products)),
            second.Records.Select(r => r.Cve + r.Severity + string.Join(";", r.Products)));
        Assert.Equal(first.Records.Count, afterCut.Records.Count);
    }
}
