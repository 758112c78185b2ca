using System.Text.RegularExpressions;
using NuGet.Versioning;

namespace KpatchScript.Scripting.NuGet;

/// <summary>Checks a script's <see cref="NuGetReference"/> and turns its version text into a range.</summary>
internal static partial class ReferenceParser
{
    /// <summary>The id rule of dotnet-script, so a script valid there is valid here.</summary>
    [GeneratedRegex(@"^\w+([_.-]\w+)*$")]
    private static partial Regex IdPattern();

    public static PackageRequest Parse(NuGetReference reference)
    {
        var id = reference.Id.Trim();
        if (!IdPattern().IsMatch(id))
        {
            throw new ScriptReferenceException(
                $"package id '{reference.Id}' is not valid: an id is letters, digits or '_' joined by '.', '-' or '_' (e.g. #r \"nuget: Newtonsoft.Json, 13.0.3\")");
        }

        var text = reference.Version?.Trim();
        if (string.IsNullOrEmpty(text) || text == "*")
        {
            return new PackageRequest(id, VersionRange.Parse("*", allowFloating: true), "*", NeededBy: null);
        }

        // A bare version is exact here (as in a script it pins what runs), not NuGet's ">= version".
        if (NuGetVersion.TryParse(text, out var version))
        {
            return new PackageRequest(id, new VersionRange(version, true, version, true), text, NeededBy: null);
        }

        if (VersionRange.TryParse(text, allowFloating: true, out var range))
        {
            return new PackageRequest(id, range, text, NeededBy: null);
        }

        throw new ScriptReferenceException(
            $"package '{id}' version '{reference.Version}' is not a valid version: use 1.2.3, 1.2.3-beta1, [1.2.3], *, 1.* or a range such as [1.0,2.0)");
    }
}
