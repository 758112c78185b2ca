namespace KpatchScript.Scripting.Directives;

/// <summary>
/// Reads the <c>#load</c> and <c>#r</c> directives of a script without Roslyn (and without
/// Regex: both cost a cached run more than the run itself), so that a cached run can compute
/// its cache key cheaply. Same forms as dotnet-script: a directive is a whole line,
/// <c>#load "path"</c>, <c>#r "path-or-name"</c>, <c>#r "nuget: Id[, Version]"</c> with an id
/// like <c>\w+([_.-]\w+)*</c>, and <c>#load "nuget: Id[, Version]"</c> (a script package: see
/// <see cref="ScriptFile.PackageLoads"/>).
/// </summary>
public static class DirectiveParser
{
    public static ScriptFile Parse(string path, string text)
    {
        var directory = System.IO.Path.GetDirectoryName(path)!;
        var loads = new List<Directive>();
        var references = new List<Directive>();
        var packages = new List<PackageDirective>();
        var packageLoads = new List<PackageDirective>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            switch (Read(lines[i]))
            {
                case ("load", var value) when Package(value) is { } package:
                    packageLoads.Add(package with { Line = i + 1 });
                    break;
                case ("load", var value):
                    loads.Add(new Directive(Absolute(directory, value), i + 1));
                    break;
                case ("r", var value) when Package(value) is { } package:
                    packages.Add(package with { Line = i + 1 });
                    break;
                case ("r", var value) when !value.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase):
                    // A bare name (#r "System.Net.Http") is an assembly name for Roslyn to resolve; a file is made absolute.
                    references.Add(new Directive(value.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || value.Contains('/') ? Absolute(directory, value) : value, i + 1));
                    break;
            }
        }

        return new ScriptFile(path, text, loads, references, packages) { PackageLoads = packageLoads };
    }

    /// <summary>
    /// The text Roslyn compiles: <c>#r "nuget:"</c> directives become empty lines (so line numbers stay), since packages
    /// are added as references by the host; <c>#load "nuget:"</c> stays, for the source resolver to serve the package's files.
    /// </summary>
    public static string WithoutPackageDirectives(string text) =>
        string.Join('\n', text.Split('\n').Select(l => Read(l) is ("r", var value) && Package(value) is not null ? "" : l));

    /// <summary>(directive, quoted value) of a <c>#load "x"</c> or <c>#r "x"</c> line, else null.</summary>
    private static (string Kind, string Value)? Read(string line)
    {
        var text = line.AsSpan().Trim();
        if (!text.StartsWith("#"))
        {
            return null;
        }

        text = text[1..];
        string kind;
        if (text.StartsWith("load") && text.Length > 4 && char.IsWhiteSpace(text[4]))
        {
            kind = "load";
            text = text[4..].TrimStart();
        }
        else if (text.StartsWith("r") && text.Length > 1 && char.IsWhiteSpace(text[1]))
        {
            kind = "r";
            text = text[1..].TrimStart();
        }
        else
        {
            return null;
        }

        return text.Length >= 2 && text[0] == '"' && text[^1] == '"' && text[1..^1].IndexOf('"') < 0 && text.Length > 2
            ? (kind, text[1..^1].ToString())
            : null;
    }

    /// <summary><c>nuget: Id[, Version]</c> (line 0), or null when the value is not a well-formed package reference.</summary>
    internal static PackageDirective? Package(string value)
    {
        if (!value.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = value["nuget:".Length..];
        var comma = rest.IndexOf(',', StringComparison.Ordinal);
        var id = (comma < 0 ? rest : rest[..comma]).Trim();
        var version = comma < 0 ? null : rest[(comma + 1)..].Trim();
        return IsPackageId(id) ? new PackageDirective(id, string.IsNullOrEmpty(version) ? null : version, 0) : null;
    }

    /// <summary><c>\w+([_.-]\w+)*</c>: word characters, single separators between them.</summary>
    private static bool IsPackageId(string id)
    {
        if (id.Length == 0 || !IsWord(id[0]) || !IsWord(id[^1]))
        {
            return false;
        }

        for (var i = 1; i < id.Length; i++)
        {
            if (!IsWord(id[i]) && (id[i] is not ('.' or '-' or '_') || !IsWord(id[i - 1])))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsWord(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static string Absolute(string directory, string path) =>
        System.IO.Path.GetFullPath(System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.Combine(directory, path));
}
