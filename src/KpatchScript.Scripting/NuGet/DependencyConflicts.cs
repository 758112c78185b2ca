using NuGet.Versioning;

namespace KpatchScript.Scripting.NuGet;

/// <summary>
/// Checks every dependency of the chosen packages against the version chosen for it, and reports what
/// does not fit as NuGet's restore does, with its codes and messages (on one line: the paths are joined by " / ").
/// </summary>
internal static class DependencyConflicts
{
    /// <param name="references">The script's references: they win over dependencies (NuGet's direct-dependency-wins).</param>
    /// <param name="packages">The chosen packages with their path from the script (<c>script -&gt; A 1.0.0</c>).</param>
    /// <returns>The NU1608 warnings: a script reference above a dependency's upper bound.</returns>
    /// <exception cref="ScriptReferenceException">NU1605 (a script reference below a dependency's minimum) or NU1107 (dependencies no version satisfies).</exception>
    public static List<NuGetWarning> Check(IReadOnlyList<PackageRequest> references, IReadOnlyList<(PackageContents Package, string Path)> packages)
    {
        var chosen = packages.ToDictionary(p => p.Package.Identity.Id, p => p.Package.Identity.Version, StringComparer.OrdinalIgnoreCase);
        var edges = packages
            .SelectMany(p => p.Package.Dependencies.Where(d => chosen.ContainsKey(d.Id)).Select(d => (Dependent: p.Package.Identity, d.Id, d.VersionRange, Line: $"{p.Path} -> {d.Id} {d.VersionRange.PrettyPrint()}")))
            .ToList();
        var warnings = new List<NuGetWarning>();
        foreach (var (dependent, id, range, line) in edges)
        {
            var version = chosen[id];
            if (range.Satisfies(version))
            {
                continue;
            }

            var reference = references.FirstOrDefault(r => r.Id.Equals(id, StringComparison.OrdinalIgnoreCase));
            if (reference is null)
            {
                var lines = edges.Where(e => e.Id.Equals(id, StringComparison.OrdinalIgnoreCase)).Select(e => e.Line);
                throw new ScriptReferenceException(
                    $"Version conflict detected for {id}. Install/reference {id} {version.ToNormalizedString()} directly to resolve this issue. {string.Join(" / ", lines)}")
                { Code = "NU1107" };
            }

            var direct = $"script -> {id} {reference.Range.PrettyPrint()}";
            if (IsBelow(version, range))
            {
                throw new ScriptReferenceException(
                    $"Detected package downgrade: {id} from {range.MinVersion!.ToNormalizedString()} to {version.ToNormalizedString()}. Reference the package directly from the project to select a different version. {line} / {direct}")
                { Code = "NU1605" };
            }

            warnings.Add(new NuGetWarning(
                "NU1608",
                $"Detected package version outside of dependency constraint: {dependent.Id} {dependent.Version.ToNormalizedString()} requires {id} {range.PrettyPrint()} but version {id} {version.ToNormalizedString()} was resolved."));
        }

        return warnings;
    }

    private static bool IsBelow(NuGetVersion version, VersionRange range) =>
        range.HasLowerBound && (version < range.MinVersion || (version == range.MinVersion && !range.IsMinInclusive));
}
