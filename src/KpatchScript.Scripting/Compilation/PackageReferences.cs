using KpatchScript.Scripting.Directives;
using KpatchScript.Scripting.NuGet;

namespace KpatchScript.Scripting.Compilation;

/// <summary>The assemblies of the NuGet packages a closure asks for (<c>#r "nuget: Id, Version"</c>), resolved from the configured sources.</summary>
internal static class PackageReferences
{
    /// <summary>The assemblies to reference; NuGet's warnings (e.g. NU1608) are written to <paramref name="error"/> in the compiler's format.</summary>
    public static IReadOnlyList<string> Resolve(ScriptClosure closure, IReadOnlyList<string> sources, TextWriter error, CancellationToken cancellationToken)
    {
        var packages = closure.Packages.ToList();
        if (packages.Count == 0)
        {
            return [];
        }

        // Point at the first package directive: the resolver names the package itself.
        var first = closure.Files.First(f => f.Packages.Count > 0);
        var place = $"{first.Path}({first.Packages[0].Line},1)";
        try
        {
            var resolver = NuGetResolver.ForScript(Path.GetDirectoryName(closure.Main.Path)!, sources);
            var resolution = resolver.Resolve(packages.Select(p => new NuGetReference(p.Id, p.Version)).ToList(), cancellationToken);
            foreach (var warning in resolution.Warnings)
            {
                error.WriteLine($"{place}: warning {warning.Code}: {warning.Message}");
            }

            return resolution.Assemblies;
        }
        catch (ScriptReferenceException ex)
        {
            throw new ScriptException($"{place}: error{(ex.Code is null ? "" : " " + ex.Code)}: {ex.Message}");
        }
    }
}
