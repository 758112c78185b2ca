using KpatchScript.Scripting.Directives;
using KpatchScript.Scripting.NuGet;

namespace KpatchScript.Scripting.Compilation;

/// <summary>The assemblies of the NuGet packages a closure asks for (<c>#r "nuget: Id, Version"</c>), resolved from the configured sources.</summary>
internal static class PackageReferences
{
    public static IReadOnlyList<string> Resolve(ScriptClosure closure, IReadOnlyList<string> sources, CancellationToken cancellationToken)
    {
        var packages = closure.Packages.ToList();
        if (packages.Count == 0)
        {
            return [];
        }

        try
        {
            var resolver = NuGetResolver.ForScript(Path.GetDirectoryName(closure.Main.Path)!, sources);
            return resolver.Resolve(packages.Select(p => new NuGetReference(p.Id, p.Version)).ToList(), cancellationToken).Assemblies;
        }
        catch (ScriptReferenceException ex)
        {
            // Point at the first package directive: the resolver names the package itself.
            var first = closure.Files.First(f => f.Packages.Count > 0);
            throw new ScriptException($"{first.Path}({first.Packages[0].Line},1): error: {ex.Message}");
        }
    }
}
