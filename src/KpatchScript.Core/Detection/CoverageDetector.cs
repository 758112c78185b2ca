using KpatchScript.Operations;
using KpatchScript.Status;

namespace KpatchScript.Detection;

/// <summary>Ties installed kpatch-patch packages to the patches enabled in the kernel.</summary>
internal static class CoverageDetector
{
    public const string NotChecked = "not checked: 'kpatch-script status --check-updates' or 'kpatch-script available' asks dnf";

    public static CveCoverage Detect(
        Reading<IReadOnlyList<KpatchPatchPackage>> packages,
        Reading<IReadOnlyList<LivepatchPatch>> patches,
        Reading<IReadOnlyList<AvailablePatch>>? updates)
    {
        updates ??= Reading.Unknown<IReadOnlyList<AvailablePatch>>(NotChecked);
        if (!packages.IsKnown || !patches.IsKnown)
        {
            var unknown = Reading.Unknown<IReadOnlyList<string>>(packages.UnknownReason ?? patches.UnknownReason!);
            return new CveCoverage(unknown, unknown, updates);
        }

        // Loops, not LINQ: detection is status's start-up path, where System.Linq's first use costs 2 ms.
        var enabled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var patch in patches.Value!)
        {
            if (patch.Enabled is { IsKnown: true, Value: true })
            {
                enabled.Add(patch.Name);
            }
        }

        var (livePackages, notLivePackages) = (new List<KpatchPatchPackage>(), new List<KpatchPatchPackage>());
        foreach (var package in packages.Value!)
        {
            if (package.ForRunningKernel)
            {
                (enabled.Contains(ModuleName(package)) ? livePackages : notLivePackages).Add(package);
            }
        }

        var live = Union(livePackages);
        var liveSet = new HashSet<string>(live, StringComparer.Ordinal);
        var notLive = Union(notLivePackages).FindAll(cve => !liveSet.Contains(cve));
        return new CveCoverage(Reading.Known<IReadOnlyList<string>>(live), Reading.Known<IReadOnlyList<string>>(notLive), updates);
    }

    /// <summary>
    /// Red Hat's module name: <c>kpatch_&lt;kernel version and release, dots as underscores&gt;_&lt;patch version&gt;_&lt;patch release number&gt;</c>;
    /// package 1-2.el9_4 for kernel 5.14.0-427.13.1.el9_4 loads as kpatch_5_14_0_427_13_1_1_2.
    /// </summary>
    internal static string ModuleName(KpatchPatchPackage package)
    {
        var kernel = package.Name["kpatch-patch-".Length..].Replace('-', '_');
        return $"kpatch_{kernel}_{package.Version}_{package.Release.Split('.')[0]}";
    }

    /// <summary>Every CVE the packages name, once, in rpm's order (stable: the first named first among equals).</summary>
    private static List<string> Union(List<KpatchPatchPackage> packages)
    {
        var (seen, cves) = (new HashSet<string>(StringComparer.Ordinal), new List<string>());
        foreach (var package in packages)
        {
            foreach (var cve in package.Cves)
            {
                if (seen.Add(cve))
                {
                    cves.Add(cve);
                }
            }
        }

        return StableSort.InPlace(cves, Parsing.RpmVersionComparer.Instance.Compare);
    }
}
