using KpatchScript.IO;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Versioning;

namespace KpatchScript.Scripting.NuGet;

/// <summary>
/// A folder of packages, flat (<c>*.nupkg</c>) or hierarchical (<c>&lt;id&gt;/&lt;version&gt;/*.nupkg</c>), or both.
/// Flat file names are ambiguous (<c>Foo.Bar.1.0.0</c>), so each candidate's identity is read from its nuspec.
/// </summary>
internal sealed class LocalFolderFeed(string root) : IPackageFeed
{
    private readonly Dictionary<string, Dictionary<NuGetVersion, string>> _files = new(StringComparer.OrdinalIgnoreCase);

    public string Source => root;

    public Task<IReadOnlyList<NuGetVersion>> GetVersionsAsync(string id, CancellationToken cancellationToken)
    {
        IReadOnlyList<NuGetVersion> versions = [.. Find(id, cancellationToken).Keys];
        return Task.FromResult(versions);
    }

    public async Task CopyNupkgAsync(string id, NuGetVersion version, Stream destination, CancellationToken cancellationToken)
    {
        var file = BoundedFile.OpenRead(Find(id, cancellationToken)[version], ReadLimits.Package);
        await using (file.ConfigureAwait(false))
        {
            await file.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
        }
    }

    private Dictionary<NuGetVersion, string> Find(string id, CancellationToken cancellationToken)
    {
        if (_files.TryGetValue(id, out var found))
        {
            return found;
        }

        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException("folder does not exist");
        }

        found = [];
        foreach (var file in Directory.EnumerateFiles(root, "*.nupkg"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Path.GetFileName(file).StartsWith(id + ".", StringComparison.OrdinalIgnoreCase)
                && ReadIdentity(file) is { } identity && identity.Id.Equals(id, StringComparison.OrdinalIgnoreCase))
            {
                found.TryAdd(identity.Version, file);
            }
        }

        foreach (var idDirectory in Directory.EnumerateDirectories(root).Where(d => Path.GetFileName(d).Equals(id, StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var versionDirectory in Directory.EnumerateDirectories(idDirectory))
            {
                if (NuGetVersion.TryParse(Path.GetFileName(versionDirectory), out var version)
                    && Directory.EnumerateFiles(versionDirectory, "*.nupkg").FirstOrDefault() is { } file)
                {
                    found.TryAdd(version, file);
                }
            }
        }

        _files[id] = found;
        return found;
    }

    /// <summary>The identity in a .nupkg's nuspec; null for a file that is not a readable package (skipped, as NuGet does).</summary>
    private static PackageIdentity? ReadIdentity(string file)
    {
        try
        {
            using var reader = new PackageArchiveReader(file);
            return reader.GetIdentity();
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or PackagingException)
        {
            return null;
        }
    }
}
