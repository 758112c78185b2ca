using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.Packaging.Core;

namespace KpatchScript.Scripting.NuGet;

/// <summary>What resolution needs from an extracted package, for the running framework (net10.0 today).</summary>
internal sealed record PackageContents(PackageIdentity Identity, string Directory, IReadOnlyList<PackageDependency> Dependencies, IReadOnlyList<string> Assemblies)
{
    /// <summary>The running runtime's framework, so packages are chosen as a project for it would get them.</summary>
    public static NuGetFramework Framework { get; } =
        new(FrameworkConstants.FrameworkIdentifiers.NetCoreApp, new Version(Environment.Version.Major, Environment.Version.Minor));

    public static PackageContents Read(string directory)
    {
        using var reader = new PackageFolderReader(directory);
        var identity = reader.GetIdentity();
        var dependencies = NuGetFrameworkUtility.GetNearest(reader.GetPackageDependencies(), Framework, g => g.TargetFramework);
        var libGroups = reader.GetLibItems().ToList();
        var lib = NuGetFrameworkUtility.GetNearest(libGroups, Framework, g => g.TargetFramework);
        if (lib is null && libGroups.Count > 0)
        {
            var folders = string.Join(", ", libGroups.Select(g => g.TargetFramework.GetShortFolderName()));
            throw new ScriptReferenceException(
                $"package '{identity.Id}' version '{identity.Version}' has no assemblies for {Framework.GetShortFolderName()} (its lib folders: {folders}); ask for a version built for .NET or netstandard");
        }

        // lib/<tfm>/*.dll only: subfolders hold satellite resources; _._ marks "nothing to reference".
        var assemblies = lib?.Items
            .Where(item => item.Split('/').Length == 3 && item.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(item => Path.Combine(directory, item))
            .ToList() ?? [];
        return new PackageContents(identity, directory, dependencies?.Packages.ToList() ?? [], assemblies);
    }
}
