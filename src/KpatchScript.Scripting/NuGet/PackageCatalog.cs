using NuGet.Versioning;

namespace KpatchScript.Scripting.NuGet;

/// <summary>
/// The versions the packages folder and the sources hold, for one resolution. The packages folder is
/// asked first, so a pinned package already there needs no source (offline runs). A source that cannot
/// be read is remembered and named in the error if the package is found nowhere else.
/// </summary>
internal sealed class PackageCatalog(IReadOnlyList<IPackageFeed> feeds, PackagesFolder folder)
{
    private readonly Dictionary<string, List<(IPackageFeed Feed, IReadOnlyList<NuGetVersion> Versions)>> _listings = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<IPackageFeed, string> _failures = [];

    /// <summary>The version to use: the highest match for a script's reference, the lowest for a dependency.</summary>
    public async Task<NuGetVersion> ChooseAsync(PackageRequest request, bool highest, CancellationToken cancellationToken)
    {
        var installedFirst = highest ? request.ExactVersion : LowestBound(request.Range);
        if (installedFirst is not null && folder.IsInstalled(request.Id, installedFirst))
        {
            return installedFirst;
        }

        var listing = await ListAsync(request.Id, cancellationToken).ConfigureAwait(false);
        var available = listing.SelectMany(l => l.Versions).Concat(folder.GetInstalledVersions(request.Id)).Distinct().ToList();
        return VersionChooser.Choose(request, available, highest)
            ?? throw new ScriptReferenceException(NotFoundMessage.Build(request, Places(), available)) { MissingReference = request.NeededBy is null ? request.Id : null };
    }

    /// <summary>The extracted package's directory, downloading it from the first source that lists it.</summary>
    public async Task<string> InstallAsync(string id, NuGetVersion version, CancellationToken cancellationToken)
    {
        if (folder.IsInstalled(id, version))
        {
            return folder.GetDirectory(id, version);
        }

        var listing = await ListAsync(id, cancellationToken).ConfigureAwait(false);
        var feed = listing.FirstOrDefault(l => l.Versions.Contains(version)).Feed
            ?? throw new ScriptReferenceException(NotFoundMessage.Build(new PackageRequest(id, new VersionRange(version, true, version, true), version.ToNormalizedString(), null), Places(), []));
        try
        {
            return await folder.InstallAsync(feed, id, version, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or ScriptReferenceException))
        {
            throw new ScriptReferenceException(
                $"package '{id}' version '{version}' could not be downloaded from {feed.Source} into {folder.Root}: {NotFoundMessage.Describe(exception)}", exception);
        }
    }

    private static NuGetVersion? LowestBound(VersionRange range) =>
        range.HasLowerBound && range.IsMinInclusive && !range.IsFloating ? range.MinVersion : null;

    private async Task<List<(IPackageFeed Feed, IReadOnlyList<NuGetVersion> Versions)>> ListAsync(string id, CancellationToken cancellationToken)
    {
        if (_listings.TryGetValue(id, out var listing))
        {
            return listing;
        }

        listing = [];
        foreach (var feed in feeds.Where(f => !_failures.ContainsKey(f)))
        {
            try
            {
                listing.Add((feed, await feed.GetVersionsAsync(id, cancellationToken).ConfigureAwait(false)));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One unreadable source does not hide packages the others hold; it is named if nothing is found.
                _failures[feed] = NotFoundMessage.Describe(exception);
            }
        }

        _listings[id] = listing;
        return listing;
    }

    private IEnumerable<string> Places() =>
        feeds.Select(f => _failures.TryGetValue(f, out var reason) ? $"{f.Source} ({reason})" : f.Source)
            .Append($"packages folder {folder.Root}");
}
