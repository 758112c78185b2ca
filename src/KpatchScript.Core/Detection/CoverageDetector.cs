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

        var enabled = patches.Value!.Where(p => p.Enabled is { IsKnown: true, Value: true }).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var forRunning = packages.Value!.Where(p => p.ForRunningKernel).ToList();
        var live = Union(forRunning.Where(p => enabled.Contains(ModuleName(p))));
        var notLive = Union(forRunning.Where(p => !enabled.Contains(ModuleName(p)))).Except(live, StringComparer.Ordinal).ToList();
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

    private static List<string> Union(IEnumerable<KpatchPatchPackage> packages) =>
        packages.SelectMany(p => p.Cves).Distinct(StringComparer.Ordinal).Order(Parsing.RpmVersionComparer.Instance).ToList();
}
