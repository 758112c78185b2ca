using NuGet.Common;
using NuGet.Configuration;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace KpatchScript.Scripting.NuGet;

/// <summary>
/// An http(s) v3 feed, read through NuGet.Protocol (service index, flat container, retries, http cache).
/// Built from the <see cref="PackageSource"/> so its <c>packageSourceCredentials</c> from NuGet.Config reach
/// NuGet's own authentication handler, which answers the feed's 401 challenge with them.
/// </summary>
internal sealed class HttpFeed(PackageSource source, SourceCacheContext cacheContext) : IPackageFeed
{
    private readonly SourceRepository _repository = Repository.Factory.GetCoreV3(source);
    private FindPackageByIdResource? _resource;

    public string Source => source.Source;

    public async Task<IReadOnlyList<NuGetVersion>> GetVersionsAsync(string id, CancellationToken cancellationToken)
    {
        var resource = await GetResourceAsync(cancellationToken).ConfigureAwait(false);
        var versions = await resource.GetAllVersionsAsync(id, cacheContext, NullLogger.Instance, cancellationToken).ConfigureAwait(false);
        return [.. versions];
    }

    public async Task CopyNupkgAsync(string id, NuGetVersion version, Stream destination, CancellationToken cancellationToken)
    {
        var resource = await GetResourceAsync(cancellationToken).ConfigureAwait(false);
        if (!await resource.CopyNupkgToStreamAsync(id, version, destination, cacheContext, NullLogger.Instance, cancellationToken).ConfigureAwait(false))
        {
            throw new IOException($"{Source} listed {id} {version} but did not serve it");
        }
    }

    private async Task<FindPackageByIdResource> GetResourceAsync(CancellationToken cancellationToken) =>
        _resource ??= await _repository.GetResourceAsync<FindPackageByIdResource>(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("not a NuGet v3 feed (its service index has no PackageBaseAddress)");
}
