using System.Text.RegularExpressions;

namespace KpatchScript.Scripting.Directives;

/// <summary>
/// Reads the <c>#load</c> and <c>#r</c> directives of a script without Roslyn, so that a cached
/// run can compute its cache key without loading the compiler. Same patterns as dotnet-script:
/// a directive is a whole line; the NuGet id must look like <c>\w+([_.-]\w+)*</c>.
/// </summary>
public static partial class DirectiveParser
{
    public static ScriptFile Parse(string path, string text)
    {
        var directory = System.IO.Path.GetDirectoryName(path)!;
        var loads = new List<Directive>();
        var references = new List<Directive>();
        var packages = new List<PackageDirective>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (LoadLine().Match(line) is { Success: true } load)
            {
                loads.Add(new Directive(Absolute(directory, load.Groups[1].Value), i + 1));
            }
            else if (NugetLine().Match(line) is { Success: true } nuget)
            {
                var version = nuget.Groups[2].Success ? nuget.Groups[2].Value.Trim() : null;
                packages.Add(new PackageDirective(nuget.Groups[1].Value, string.IsNullOrEmpty(version) ? null : version, i + 1));
            }
            else if (ReferenceLine().Match(line) is { Success: true } reference)
            {
                var value = reference.Groups[1].Value;
                // A bare name (#r "System.Net.Http") is an assembly name for Roslyn to resolve; a file is made absolute.
                references.Add(new Directive(value.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || value.Contains('/') ? Absolute(directory, value) : value, i + 1));
            }
        }

        return new ScriptFile(path, text, loads, references, packages);
    }

    /// <summary>The text Roslyn compiles: NuGet directives become empty lines (so line numbers stay), since packages are added as references by the host.</summary>
    public static string WithoutPackageDirectives(string text) =>
        string.Join('\n', text.Split('\n').Select(l => NugetLine().IsMatch(l.TrimEnd('\r')) ? "" : l));

    private static string Absolute(string directory, string path) =>
        System.IO.Path.GetFullPath(System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.Combine(directory, path));

    [GeneratedRegex("""^\s*#load\s+"([^"]+)"\s*$""")]
    private static partial Regex LoadLine();

    [GeneratedRegex("""^\s*#r\s+"nuget:\s*(\w+(?:[_.-]\w+)*)\s*(?:,\s*([^"]*))?"\s*$""", RegexOptions.IgnoreCase)]
    private static partial Regex NugetLine();

    [GeneratedRegex("""^\s*#r\s+"([^"]+)"\s*$""")]
    private static partial Regex ReferenceLine();
}
