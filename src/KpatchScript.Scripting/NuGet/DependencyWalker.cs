using NuGet.Packaging.Core;
using NuGet.Versioning;

namespace KpatchScript.Scripting.NuGet;

/// <summary>
/// Chooses one version per id: a script's own references win (as direct references do in NuGet);
/// a dependency takes its lowest applicable version, the highest of those when several packages depend on it.
/// What then does not fit a dependency's range is reported as NuGet reports it (<see cref="DependencyConflicts"/>).
/// </summary>
internal sealed class DependencyWalker(PackageCatalog catalog)
{
    private readonly Dictionary<string, NuGetVersion> _chosen = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, PackageContents> _read = new(StringComparer.OrdinalIgnoreCase);

    public async Task<NuGetResolution> WalkAsync(IReadOnlyList<PackageRequest> references, CancellationToken cancellationToken)
    {
        var queue = new Queue<string>();
        foreach (var reference in references)
        {
            _chosen[reference.Id] = await catalog.ChooseAsync(reference, highest: true, cancellationToken).ConfigureAwait(false);
            queue.Enqueue(reference.Id);
        }

        var referenced = references.Select(r => r.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        while (queue.TryDequeue(out var id))
        {
            var package = await ReadAsync(id, cancellationToken).ConfigureAwait(false);
            foreach (var dependency in Followed(package, referenced))
            {
                var request = new PackageRequest(dependency.Id, dependency.VersionRange, dependency.VersionRange.ToNormalizedString(), $"{package.Identity.Id} {package.Identity.Version}");
                var version = await catalog.ChooseAsync(request, highest: false, cancellationToken).ConfigureAwait(false);
                if (!_chosen.TryGetValue(dependency.Id, out var current) || version > current)
                {
                    _chosen[dependency.Id] = version;
                    queue.Enqueue(dependency.Id);
                }
            }
        }

        return Collect(references, referenced);
    }

    private static IEnumerable<PackageDependency> Followed(PackageContents package, HashSet<string> referenced) =>
        package.Dependencies.Where(d => !referenced.Contains(d.Id) && !FrameworkPackages.Provides(d.Id));

    private static string Key(string id, NuGetVersion version) => $"{id}/{version.ToNormalizedString()}";

    private async Task<PackageContents> ReadAsync(string id, CancellationToken cancellationToken)
    {
        var key = Key(id, _chosen[id]);
        if (!_read.TryGetValue(key, out var package))
        {
            var directory = await catalog.InstallAsync(id, _chosen[id], cancellationToken).ConfigureAwait(false);
            package = PackageContents.Read(directory);
            _read[key] = package;
        }

        return package;
    }

    /// <summary>
    /// The chosen packages reachable from the references through the chosen versions: a dependency only an
    /// older, replaced version had is left out. References first, then breadth first, each with its path from
    /// the script for NuGet's messages; then checked as NuGet checks them.
    /// </summary>
    private NuGetResolution Collect(IReadOnlyList<PackageRequest> references, HashSet<string> referenced)
    {
        var order = new List<(PackageContents Package, string Path)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<(string Id, string Parent)>(references.Select(r => (r.Id, "script")));
        while (queue.TryDequeue(out var next))
        {
            if (!seen.Add(next.Id))
            {
                continue;
            }

            var package = _read[Key(next.Id, _chosen[next.Id])];
            var path = $"{next.Parent} -> {package.Identity.Id} {package.Identity.Version.ToNormalizedString()}";
            order.Add((package, path));
            foreach (var dependency in Followed(package, referenced))
            {
                queue.Enqueue((dependency.Id, path));
            }
        }

        var warnings = DependencyConflicts.Check(references, order);
        return new NuGetResolution(
            [.. order.Select(p => new ResolvedPackage(p.Package.Identity.Id, p.Package.Identity.Version.ToNormalizedString(), p.Package.Directory))],
            [.. order.SelectMany(p => p.Package.Assemblies).Distinct(StringComparer.Ordinal)],
            warnings);
    }
}
