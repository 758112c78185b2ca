using NuGet.Common;
using NuGet.Configuration;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Packaging.Signing;
using NuGet.Versioning;

namespace KpatchScript.Scripting.NuGet;

/// <summary>
/// A folder laid out as NuGet's global packages folder (<c>&lt;id&gt;/&lt;version&gt;/</c>, lower case), so
/// packages restored by <c>dotnet restore</c> are used as they are, and the ones extracted here serve it too.
/// </summary>
internal sealed class PackagesFolder(string root, ISettings settings)
{
    private readonly VersionFolderPathResolver _paths = new(root);

    public string Root => root;

    public string GetDirectory(string id, NuGetVersion version) => _paths.GetInstallPath(id, version);

    /// <summary>
    /// Complete when NuGet's marker is there: it is written after the last extracted file, so a folder
    /// an interrupted extraction left behind is not trusted (and is extracted again).
    /// </summary>
    public bool IsInstalled(string id, NuGetVersion version) =>
        File.Exists(_paths.GetNupkgMetadataPath(id, version)) || File.Exists(_paths.GetHashPath(id, version));

    public IEnumerable<NuGetVersion> GetInstalledVersions(string id)
    {
        var directory = _paths.GetVersionListPath(id);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return Directory.EnumerateDirectories(directory)
            .Select(d => NuGetVersion.TryParse(Path.GetFileName(d), out var version) ? version : null)
            .OfType<NuGetVersion>()
            .Where(v => IsInstalled(id, v))
            .ToList();
    }

    /// <summary>
    /// Downloads and extracts with NuGet's own extractor: it holds the cross-process lock <c>dotnet restore</c>
    /// holds for the same package, rechecks the marker under it (a process that waited uses what the
    /// first one extracted), and writes the marker last.
    /// </summary>
    /// <exception cref="ScriptReferenceException">The trust policy refused the package (nothing is left extracted).</exception>
    public async Task<string> InstallAsync(IPackageFeed feed, string id, NuGetVersion version, CancellationToken cancellationToken)
    {
        SignatureVerification.EnableUnlessSet();
        var context = new PackageExtractionContext(
            PackageSaveMode.Defaultv3,
            XmlDocFileSaveMode.None,
            ClientPolicyContext.GetClientPolicy(settings, NullLogger.Instance),
            NullLogger.Instance);
        try
        {
            await PackageExtractor.InstallFromSourceAsync(
                feed.Source,
                new PackageIdentity(id, version),
                stream => feed.CopyNupkgAsync(id, version, stream, cancellationToken),
                _paths,
                context,
                cancellationToken).ConfigureAwait(false);
        }
        catch (SignatureException exception)
        {
            throw SignatureVerification.Refusal(exception);
        }
        if (!IsInstalled(id, version))
        {
            throw new IOException($"extracting {id} {version} from {feed.Source} did not complete in {GetDirectory(id, version)}");
        }

        return GetDirectory(id, version);
    }
}
