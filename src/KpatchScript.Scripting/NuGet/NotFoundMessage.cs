using System.Net;
using NuGet.Versioning;

namespace KpatchScript.Scripting.NuGet;

/// <summary>The one-line error for a package no source holds: what was asked, where it was looked for, what to do.</summary>
internal static class NotFoundMessage
{
    private const int ShownVersions = 8;

    /// <param name="request">The package and version asked.</param>
    /// <param name="places">Sources then the packages folder, each with why it could not be read, if so.</param>
    /// <param name="available">The versions found that did not match.</param>
    public static string Build(PackageRequest request, IEnumerable<string> places, IReadOnlyCollection<NuGetVersion> available)
    {
        var neededBy = request.NeededBy is null ? "" : $" (needed by '{request.NeededBy}')";
        var versions = available.Count == 0
            ? ""
            : "; available: " + string.Join(", ", available.Order().TakeLast(ShownVersions).Select(v => v.ToNormalizedString()));
        return $"package '{request.Id}' version '{request.Asked}'{neededBy} was not found in: {string.Join(", ", places)}{versions} (add a source with --source DIR or in NuGet.Config)";
    }

    /// <summary>An exception as one short line: the innermost message (e.g. "Connection refused"), not NuGet's wrapper.</summary>
    public static string Describe(Exception exception)
    {
        var inner = exception;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        // NuGet sent the credentials NuGet.Config has for the source, or none: say where they go.
        if (inner is HttpRequestException { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } refused)
        {
            return $"{(int)refused.StatusCode} {refused.StatusCode}: give the source's credentials in NuGet.Config <packageSourceCredentials>";
        }

        return OneLine(inner.Message);
    }

    /// <summary>A message of NuGet's on one line: the user sees one line per problem.</summary>
    public static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
