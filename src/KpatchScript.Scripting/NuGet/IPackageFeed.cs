using NuGet.Configuration;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace KpatchScript.Scripting.NuGet;

/// <summary>A package source: a local folder or an http(s) v3 feed.</summary>
internal interface IPackageFeed
{
    /// <summary>The source as configured, for messages.</summary>
    string Source { get; }

    /// <summary>The versions of <paramref name="id"/> the source holds; empty when none. Throws when the source cannot be read.</summary>
    Task<IReadOnlyList<NuGetVersion>> GetVersionsAsync(string id, CancellationToken cancellationToken);

    /// <summary>Writes the .nupkg of a version returned by <see cref="GetVersionsAsync"/> to <paramref name="destination"/>.</summary>
    Task CopyNupkgAsync(string id, NuGetVersion version, Stream destination, CancellationToken cancellationToken);

    /// <summary>An http source (with its credentials) for an absolute http(s) URL, a folder otherwise (relative paths from the current directory).</summary>
    static IPackageFeed Create(PackageSource source, SourceCacheContext cacheContext)
    {
        if (Uri.TryCreate(source.Source, UriKind.Absolute, out var uri))
        {
            if (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            {
                return new HttpFeed(source, cacheContext);
            }

            if (uri.IsFile)
            {
                return new LocalFolderFeed(uri.LocalPath);
            }
        }

        return new LocalFolderFeed(Path.GetFullPath(source.Source));
    }
}
