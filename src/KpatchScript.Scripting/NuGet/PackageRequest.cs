using NuGet.Versioning;

namespace KpatchScript.Scripting.NuGet;

/// <summary>A package id with the versions that satisfy it: a script reference or a nuspec dependency.</summary>
/// <param name="Id">The package id.</param>
/// <param name="Range">The versions accepted.</param>
/// <param name="Asked">The version as the user or the nuspec wrote it, for messages.</param>
/// <param name="NeededBy">The package whose dependency this is (<c>Id Version</c>); null for a script reference.</param>
internal sealed record PackageRequest(string Id, VersionRange Range, string Asked, string? NeededBy)
{
    /// <summary>The one version a pinned reference (<c>1.2.3</c>, <c>[1.2.3]</c>) accepts; null otherwise.</summary>
    public NuGetVersion? ExactVersion =>
        !Range.IsFloating && Range.HasLowerAndUpperBounds && Range.IsMinInclusive && Range.IsMaxInclusive
        && Range.MinVersion == Range.MaxVersion
            ? Range.MinVersion
            : null;
}
