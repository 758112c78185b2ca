using KpatchScript.Detection;
using KpatchScript.Packages;
using KpatchScript.Parsing;
using KpatchScript.Status;

namespace KpatchScript.Exposure;

/// <summary>
/// Classifies each CVE whose VEX names the host's kernel stream (the RHEL major version of the
/// running kernel's dist tag, <c>el9</c>) by what is true on this host, in this order:
/// <list type="number">
/// <item>not affected: the VEX says known_not_affected, or the running kernel carries the fix
/// (<see cref="Carries"/>);</item>
/// <item>fixed live: an installed kpatch-patch package for the running kernel whose module is enabled
/// fixes it (its changelog names the CVE, or the VEX names a fixed version no newer than it);</item>
/// <item>fixed after reboot: an installed kernel newer than the running one carries the fix;</item>
/// <item>fix available: a fixed kernel newer than the running one, or a fixed kpatch-patch for the
/// running kernel, is released (the VEX's vendor_fix), and not in effect here;</item>
/// <item>no fix yet: otherwise (known_affected, under_investigation, or fixed only in older streams).</item>
/// </list>
/// </summary>
internal static class ExposureEvaluator
{
    public static CveExposure Evaluate(VexIndex index, HostStatus status)
    {
        var host = HostFacts.Of(status);
        var cves = new List<ExposedCve>();
        var (live, reboot, available, none, notAffected) = (0, 0, 0, 0, 0);
        // Reused for every record: a host's evaluation allocates what it returns, little else.
        var (kernel, patches) = (new List<VexProduct>(), new List<VexProduct>());
        foreach (var record in index.Records)
        {
            if (Classify(record, host, kernel, patches) is not { } cve)
            {
                continue;
            }

            switch (cve.State)
            {
                case ExposureStates.NotAffected:
                    notAffected++;
                    continue;
                case ExposureStates.FixedLive:
                    live++;
                    break;
                case ExposureStates.FixedAfterReboot:
                    reboot++;
                    break;
                case ExposureStates.FixAvailable:
                    available++;
                    break;
                default:
                    none++;
                    break;
            }

            cves.Add(cve);
        }

        cves.Sort((a, b) => Rank(a.State) != Rank(b.State) ? Rank(a.State) - Rank(b.State) : CompareCves(a.Cve, b.Cve));
        return new CveExposure(index.Mirror, index.Records.Count, new ExposureCounts(live, reboot, available, none, notAffected), cves, index.Skipped);
    }

    /// <summary>CVE ids by year, then number (CVE-2024-9999 before CVE-2024-10000), else by text.</summary>
    internal static int CompareCves(string a, string b)
    {
        if (a.Length != b.Length && a.Length > 9 && b.Length > 9 && a.AsSpan(0, 9).SequenceEqual(b.AsSpan(0, 9)))
        {
            // Same year: the longer number is the larger one.
            return a.Length - b.Length;
        }

        return string.CompareOrdinal(a, b);
    }

    private static int Rank(string state) => state switch
    {
        ExposureStates.FixAvailable => 0,
        ExposureStates.NoFixYet => 1,
        ExposureStates.FixedAfterReboot => 2,
        _ => 3,
    };

    /// <summary>The CVE on this host, or null when its VEX does not name the host's kernel stream.</summary>
    internal static ExposedCve? Classify(VexRecord record, HostFacts host) => Classify(record, host, [], []);

    private static ExposedCve? Classify(VexRecord record, HostFacts host, List<VexProduct> kernel, List<VexProduct> patches)
    {
        kernel.Clear();
        patches.Clear();
        foreach (var product in record.Products)
        {
            if (product.Major != host.Major)
            {
                continue;
            }

            if (product.Name == "kernel")
            {
                kernel.Add(product);
            }
            else if (product.Name == host.PatchPackage)
            {
                patches.Add(product);
            }
        }

        if (kernel.Count == 0 && patches.Count == 0)
        {
            return null;
        }

        if (Has(kernel, VexStatus.KnownNotAffected) || Carries(host.Running, kernel))
        {
            return As(record, ExposureStates.NotAffected);
        }

        if (host.LiveCves.Contains(record.Cve))
        {
            return As(record, ExposureStates.FixedLive, host.LivePackage);
        }

        foreach (var patch in patches)
        {
            if (patch.Status == VexStatus.Fixed && host.LiveEvr is { } liveEvr && RpmEvr.Parse(patch.Evr) <= liveEvr)
            {
                return As(record, ExposureStates.FixedLive, host.LivePackage, patch.Advisory);
            }
        }

        foreach (var installed in host.NewerInstalled)
        {
            if (Carries(installed, kernel))
            {
                var advisory = kernel.Find(p => p.Status == VexStatus.Fixed && SameDist(p.Evr, installed))?.Advisory;
                return As(record, ExposureStates.FixedAfterReboot, "kernel " + installed, advisory);
            }
        }

        foreach (var patch in patches)
        {
            if (patch.Status == VexStatus.Fixed)
            {
                return As(record, ExposureStates.FixAvailable, patch.Name + "-" + patch.Evr, patch.Advisory);
            }
        }

        // The released fix nearest the running kernel: in its own minor stream (dist tag) first, else the lowest newer one.
        VexProduct? newest = null;
        foreach (var p in kernel)
        {
            if (p.Status != VexStatus.Fixed || RpmVersionComparer.Instance.Compare(p.Evr, host.Running) <= 0)
            {
                continue;
            }

            var (own, best) = (SameDist(p.Evr, host.Running), newest is not null && SameDist(newest.Evr, host.Running));
            if (newest is null || (own && !best) || (own == best && RpmVersionComparer.Instance.Compare(p.Evr, newest.Evr) < 0))
            {
                newest = p;
            }
        }

        return newest is not null
            ? As(record, ExposureStates.FixAvailable, "kernel-" + newest.Evr, newest.Advisory)
            : As(record, ExposureStates.NoFixYet);
    }

    private static ExposedCve As(VexRecord record, string state, string? fixedBy = null, string? advisory = null) =>
        new(record.Cve, state, record.Severity, fixedBy, string.IsNullOrEmpty(advisory) ? null : advisory);

    private static bool Has(List<VexProduct> products, VexStatus status)
    {
        foreach (var p in products)
        {
            if (p.Status == status)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the kernel <paramref name="release"/> carries the fix. When the VEX names a fixed kernel
    /// of its minor stream (dist tag <c>el9_4</c>), only that counts: at least as new. Otherwise a fixed
    /// kernel of an earlier minor stream that is older than it counts (a later minor release is built
    /// from the main stream after the fix), unless the VEX still lists the kernel of this major
    /// version as affected or under investigation.
    /// </summary>
    internal static bool Carries(string release, List<VexProduct> kernel)
    {
        var ownStream = false;
        foreach (var p in kernel)
        {
            if (p.Status == VexStatus.Fixed && SameDist(p.Evr, release))
            {
                ownStream = true;
                if (RpmVersionComparer.Instance.Compare(release, p.Evr) >= 0)
                {
                    return true;
                }
            }
        }

        if (ownStream || Has(kernel, VexStatus.KnownAffected) || Has(kernel, VexStatus.UnderInvestigation))
        {
            return false;
        }

        foreach (var p in kernel)
        {
            if (p.Status == VexStatus.Fixed && Minor(p.Evr) < Minor(release) && RpmVersionComparer.Instance.Compare(release, p.Evr) > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The minor version of a dist tag: 4 of <c>el9_4</c>, 0 of <c>el9</c>; -1 without one.</summary>
    private static int Minor(string release)
    {
        var at = release.LastIndexOf(".el", StringComparison.Ordinal);
        if (at < 0)
        {
            return -1;
        }

        var dist = release.AsSpan(at + 1);
        var underscore = dist.IndexOf('_');
        return underscore > 0 && int.TryParse(dist[(underscore + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minor) ? minor : 0;
    }

    /// <summary>Both releases end in the same dist tag (<c>.el9_4</c>); compared in place, this runs for every document.</summary>
    private static bool SameDist(string a, string b)
    {
        var (at, bt) = (a.LastIndexOf(".el", StringComparison.Ordinal), b.LastIndexOf(".el", StringComparison.Ordinal));
        return at >= 0 && bt >= 0 && a.AsSpan(at).SequenceEqual(b.AsSpan(bt));
    }

    /// <summary>The dist tag of a kernel release: <c>el9_4</c> of <c>5.14.0-427.13.1.el9_4</c>; null when there is none.</summary>
    internal static string? Dist(string release)
    {
        var at = release.LastIndexOf(".el", StringComparison.Ordinal);
        return at < 0 ? null : release[(at + 1)..];
    }

    /// <summary>What the classification needs of the host, read once per host.</summary>
    internal sealed record HostFacts(
        int Major, string Running, string PatchPackage, HashSet<string> LiveCves, string? LivePackage, RpmEvr? LiveEvr, IReadOnlyList<string> NewerInstalled)
    {
        private static readonly string[] Arches = ["x86_64", "aarch64", "ppc64le", "s390x"];

        public static HostFacts Of(HostStatus status)
        {
            var running = WithoutArch(status.Kernel.Running.Value!);
            var dist = Dist(running)!;
            var major = int.Parse(dist.AsSpan(2, dist.IndexOf('_') is var u and > 0 ? u - 2 : dist.Length - 2), System.Globalization.CultureInfo.InvariantCulture);
            var enabled = new HashSet<string>(StringComparer.Ordinal);
            foreach (var patch in status.Livepatch.Patches.GetValueOrDefault([])!)
            {
                if (patch.Enabled is { IsKnown: true, Value: true })
                {
                    enabled.Add(patch.Name);
                }
            }

            KpatchPatchPackage? live = null;
            foreach (var package in status.Packages.GetValueOrDefault([])!)
            {
                if (package.ForRunningKernel && enabled.Contains(CoverageDetector.ModuleName(package))
                    && (live is null || RpmEvr.OfPackage(package.Epoch, package.Version, package.Release) > RpmEvr.OfPackage(live.Epoch, live.Version, live.Release)))
                {
                    live = package;
                }
            }

            var newer = new List<string>();
            foreach (var kernel in status.Kernel.Installed.GetValueOrDefault([])!)
            {
                var release = WithoutArch(kernel.Release);
                if (RpmVersionComparer.Instance.Compare(release, running) > 0)
                {
                    newer.Add(release);
                }
            }

            return new HostFacts(
                major,
                running,
                KernelReleases.PatchPackageName(status.Kernel.Running.Value!),
                new HashSet<string>(status.Coverage.FixedLiveNow.GetValueOrDefault([])!, StringComparer.Ordinal),
                live is null ? null : $"{live.Name}-{live.EpochVersionRelease}",
                live is null ? null : RpmEvr.OfPackage(live.Epoch, live.Version, live.Release),
                newer);
        }

        /// <summary>Why the host cannot be evaluated, or null when it can: a running kernel with a RHEL dist tag.</summary>
        public static string? WhyNot(HostStatus status) =>
            !status.Kernel.Running.IsKnown ? $"the running kernel is unknown ({status.Kernel.Running.UnknownReason})"
            : Dist(WithoutArch(status.Kernel.Running.Value!)) is not { } dist || dist.Length < 3 || !char.IsAsciiDigit(dist[2])
                ? $"the running kernel {status.Kernel.Running.Value} has no RHEL dist tag (.elN), so no VEX stream names it"
                : null;

        private static string WithoutArch(string release)
        {
            foreach (var arch in Arches)
            {
                if (release.EndsWith("." + arch, StringComparison.Ordinal))
                {
                    return release[..^(arch.Length + 1)];
                }
            }

            return release;
        }
    }
}
