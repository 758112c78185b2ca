namespace KpatchScript.Scripting.Directives;

/// <summary>One script file and the directives it holds, with relative paths already made absolute.</summary>
/// <param name="Path">Absolute path; for eval code, a path in the working directory that does not exist.</param>
/// <param name="Text">The file as read.</param>
/// <param name="Loads"><c>#load</c> targets, in order.</param>
/// <param name="References"><c>#r "file.dll"</c> (absolute) or <c>#r "AssemblyName"</c> (left as written).</param>
/// <param name="Packages"><c>#r "nuget: Id, Version"</c>.</param>
public sealed record ScriptFile(string Path, string Text, IReadOnlyList<Directive> Loads, IReadOnlyList<Directive> References, IReadOnlyList<PackageDirective> Packages)
{
    /// <summary><c>#load "nuget: Id, Version"</c>: the package is referenced as <c>#r "nuget:"</c> references it, and its script files are loaded.</summary>
    public IReadOnlyList<PackageDirective> PackageLoads { get; init; } = [];
}

/// <summary>A <c>#load</c> or <c>#r</c> directive and where it stands (1-based line).</summary>
public sealed record Directive(string Value, int Line);

/// <summary>A <c>#r "nuget: Id, Version"</c> or <c>#load "nuget: Id, Version"</c> directive; a null version means "highest".</summary>
public sealed record PackageDirective(string Id, string? Version, int Line)
{
    /// <summary>
    /// Pinned as dotnet-script counts it (1.2.3, 1.2.3.4, 1.2.3-beta1, [1.2.3]): only scripts whose
    /// packages are all pinned are cached, since "highest" can change between runs.
    /// </summary>
    public bool IsPinned => Version is { } v && IsExact(v.StartsWith('[') && v.EndsWith(']') ? v[1..^1] : v);

    /// <summary>Three or four numeric parts, optionally a -prerelease label.</summary>
    private static bool IsExact(string version)
    {
        var dash = version.IndexOf('-', StringComparison.Ordinal);
        var numbers = (dash < 0 ? version : version[..dash]).Split('.');
        var label = dash < 0 ? null : version[(dash + 1)..];
        return numbers.Length is 3 or 4 && numbers.All(n => n.Length > 0 && n.All(char.IsAsciiDigit))
            && (label is null || (label.Length > 0 && label.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-')));
    }
}
