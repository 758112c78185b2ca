using NuGet.Versioning;

namespace KpatchScript.Scripting.NuGet;

/// <summary>Picks a version among those available: the highest for a script's reference, the lowest applicable for a dependency (NuGet's rule).</summary>
internal static class VersionChooser
{
    public static NuGetVersion? Choose(PackageRequest request, IEnumerable<NuGetVersion> available, bool highest)
    {
        var range = request.Range;
        if (range.IsFloating)
        {
            // FindBestMatch applies the float (1.*, * stable only, *-* with prereleases) and takes the highest.
            return range.FindBestMatch(available);
        }

        var matching = available.Where(range.Satisfies).ToList();
        var stable = matching.Where(v => !v.IsPrerelease).ToList();
        var asksPrerelease = range.MinVersion?.IsPrerelease == true || range.MaxVersion?.IsPrerelease == true;
        var pool = asksPrerelease || stable.Count == 0 ? matching : stable;
        if (pool.Count == 0)
        {
            return null;
        }

        return highest ? pool.Max() : pool.Min();
    }
}
