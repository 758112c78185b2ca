using NuGet.Configuration;
using NuGet.Protocol.Core.Types;

namespace KpatchScript.Scripting.NuGet;

/// <summary>
/// Resolves a script's <c>#r "nuget: Id, Version"</c> references to assemblies without <c>dotnet restore</c>
/// (no SDK at run time): versions and dependencies are chosen here, packages are downloaded from the sources
/// into a packages folder laid out as NuGet's global packages folder, and read from there.
/// </summary>
public sealed class NuGetResolver
{
    private readonly IReadOnlyList<PackageSource> _sources;
    private readonly ISettings _settings;

    /// <param name="sources">Local folders (flat or hierarchical) or http(s) v3 index URLs, tried in this order.</param>
    /// <param name="packagesDirectory">Where packages are extracted and looked for first, e.g. <c>~/.nuget/packages</c>.</param>
    public NuGetResolver(IReadOnlyList<string> sources, string packagesDirectory)
        : this([.. sources.Select(s => new PackageSource(s))], packagesDirectory, NullSettings.Instance)
    {
    }

    /// <param name="sources">The sources, with the name and credentials NuGet.Config gives them.</param>
    /// <param name="packagesDirectory">Where packages are extracted and looked for first.</param>
    /// <param name="settings">The NuGet.Config settings read for the trust policy (signatureValidationMode, trustedSigners).</param>
    private NuGetResolver(IReadOnlyList<PackageSource> sources, string packagesDirectory, ISettings settings)
    {
        _sources = [.. sources.Select(Normalize).DistinctBy(s => s.Source, StringComparer.Ordinal)];
        _settings = settings;
        PackagesDirectory = Path.GetFullPath(packagesDirectory);
    }

    /// <summary>The sources, local folders as full paths.</summary>
    public IReadOnlyList<string> Sources => [.. _sources.Select(s => s.Source)];

    /// <summary>The packages folder, as a full path.</summary>
    public string PackagesDirectory { get; }

    /// <summary>
    /// The sources, packages folder and trust policy NuGet would use for a project in <paramref name="scriptDirectory"/>:
    /// the enabled sources of the NuGet.Config files from there up and the user's, after <paramref name="extraSources"/>
    /// (e.g. <c>--source</c>; one that is a configured source's URL gets that source's credentials); the global packages
    /// folder (NUGET_PACKAGES or the config's globalPackagesFolder).
    /// </summary>
    public static NuGetResolver ForScript(string scriptDirectory, IEnumerable<string> extraSources)
    {
        var settings = Settings.LoadDefaultSettings(scriptDirectory);
        var configured = new PackageSourceProvider(settings).LoadPackageSources().Where(s => s.IsEnabled).ToList();
        var extra = extraSources.Select(e => configured.Find(c => c.Source.Equals(e, StringComparison.OrdinalIgnoreCase)) ?? new PackageSource(e));
        return new NuGetResolver([.. extra.Concat(configured)], SettingsUtility.GetGlobalPackagesFolder(settings), settings);
    }

    /// <summary>The packages and assemblies for <paramref name="references"/>, with their dependencies.</summary>
    /// <exception cref="ScriptReferenceException">A reference is invalid, or a package or version is found nowhere.</exception>
    public NuGetResolution Resolve(IReadOnlyList<NuGetReference> references, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(references);
        var requests = Merge(references.Select(ReferenceParser.Parse));
        if (requests.Count == 0)
        {
            return new NuGetResolution([], [], []);
        }

        using var cacheContext = new SourceCacheContext();
        var feeds = _sources.Select(s => IPackageFeed.Create(s, cacheContext)).ToList();
        var walker = new DependencyWalker(new PackageCatalog(feeds, new PackagesFolder(PackagesDirectory, _settings)));
        // Sync over async is safe here: NuGet's awaits use ConfigureAwait(false) and a host has no synchronization context.
        return walker.WalkAsync(requests, cancellationToken).GetAwaiter().GetResult();
    }

    /// <summary>A folder as a full path; a URL as it is, keeping the source's name and credentials.</summary>
    private static PackageSource Normalize(PackageSource source) =>
        Uri.TryCreate(source.Source, UriKind.Absolute, out var uri) && !uri.IsFile
            ? source
            : new PackageSource(Path.GetFullPath(uri?.LocalPath ?? source.Source), source.Name);

    /// <summary>One request per id: the same reference written twice (e.g. in two #load files) is one; two versions are an error.</summary>
    private static List<PackageRequest> Merge(IEnumerable<PackageRequest> requests)
    {
        var merged = new List<PackageRequest>();
        foreach (var request in requests)
        {
            var same = merged.Find(r => r.Id.Equals(request.Id, StringComparison.OrdinalIgnoreCase));
            if (same is null)
            {
                merged.Add(request);
            }
            else if (!same.Range.Equals(request.Range))
            {
                throw new ScriptReferenceException(
                    $"package '{request.Id}' is referenced with two versions, '{same.Asked}' and '{request.Asked}': keep one #r \"nuget: {request.Id}, VERSION\"");
            }
        }

        return merged;
    }
}
