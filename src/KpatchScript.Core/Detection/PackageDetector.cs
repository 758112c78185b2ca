using KpatchScript.Parsing;
using KpatchScript.Status;

namespace KpatchScript.Detection;

/// <summary>Installed kpatch-patch packages with the kernel they patch and the CVEs their changelogs name.</summary>
internal static class PackageDetector
{
    /// <summary>The virtual provide Red Hat's <c>dnf install "kpatch-patch = $(uname -r)"</c> relies on.</summary>
    private const string KernelProvide = "kpatch-patch";

    public static Reading<IReadOnlyList<KpatchPatchPackage>> Detect(HostReader reader, Reading<string> running)
    {
        var result = reader.Run(RpmQueries.PatchPackages);
        if (!result.IsKnown)
        {
            return Reading.Unknown<IReadOnlyList<KpatchPatchPackage>>(result.UnknownReason!);
        }

        // "rpm -qa PATTERN" exits 0 with no output when nothing matches; anything else non-zero is a failure.
        if (!result.Value!.Succeeded)
        {
            return Reading.Unknown<IReadOnlyList<KpatchPatchPackage>>($"rpm failed: {result.Value.FirstErrorLine}");
        }

        return RpmPackageParser.Parse(result.Value.StandardOutput).Select(records =>
        {
            // A loop, not LINQ: detection is status's start-up path, where System.Linq's first use costs 2 ms.
            var packages = new List<KpatchPatchPackage>(records.Count);
            foreach (var r in records)
            {
                var kernel = r.Provides.TryGetValue(KernelProvide, out var release) && release.Length > 0
                    ? Reading.Known(release)
                    : Reading.Unknown<string>($"{r.Name} has no '{KernelProvide} = <kernel release>' provide");
                var forRunning = kernel.IsKnown && running.IsKnown && kernel.Value == running.Value;
                packages.Add(new KpatchPatchPackage(r.Name, r.Version, r.Release, r.Arch, kernel, forRunning, CveExtractor.Extract(r.Changelog)) { Epoch = r.Epoch });
            }

            return (IReadOnlyList<KpatchPatchPackage>)StableSort.InPlace(packages, (a, b) => string.CompareOrdinal(a.Name, b.Name));
        });
    }
}
