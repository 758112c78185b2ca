using KpatchScript.Scripting.Directives;
using KpatchScript.Scripting.NuGet;

namespace KpatchScript.Scripting.Compilation;

/// <summary>
/// The NuGet packages a closure asks for (<c>#r "nuget: Id, Version"</c> and <c>#load "nuget: Id, Version"</c>),
/// resolved from the configured sources: their assemblies, and the closure with the script files of the
/// <c>#load</c>ed packages in it.
/// </summary>
internal static class PackageReferences
{
    /// <summary>
    /// The closure with its packages' script files, and the assemblies to reference; NuGet's warnings (e.g. NU1608)
    /// are written to <paramref name="error"/> in the compiler's format. A package's script files may name more
    /// packages (<c>#load "nuget:"</c> of a package it depends on, as dotnet-script's script packages do): they are
    /// resolved with the others, until no file names a package that is not resolved.
    /// </summary>
    public static (ScriptClosure Closure, IReadOnlyList<string> Assemblies) Resolve(ScriptClosure closure, IReadOnlyList<string> sources, TextWriter error, CancellationToken cancellationToken)
    {
        if (closure.Packages.Count == 0)
        {
            return (closure, []);
        }

        var resolver = NuGetResolver.ForScript(Path.GetDirectoryName(closure.Main.Path)!, sources);
        var current = closure;
        while (true)
        {
            var resolution = ResolveOnce(resolver, current, cancellationToken);
            var expanded = closure.WithPackageScripts(ScriptsOf(current, resolution));
            if (expanded.Packages.All(p => current.Packages.Any(c => c.Id.Equals(p.Id, StringComparison.OrdinalIgnoreCase))))
            {
                var place = FirstDirective(expanded);
                foreach (var warning in resolution.Warnings)
                {
                    error.WriteLine($"{place}: warning {warning.Code}: {warning.Message}");
                }

                return (expanded, resolution.Assemblies);
            }

            current = expanded;
        }
    }

    private static NuGetResolution ResolveOnce(NuGetResolver resolver, ScriptClosure closure, CancellationToken cancellationToken)
    {
        try
        {
            return resolver.Resolve(closure.Packages.Select(p => new NuGetReference(p.Id, p.Version)).ToList(), cancellationToken);
        }
        catch (ScriptReferenceException ex) when (ex.MissingReference is { } id && LoadOf(closure, id) is { } load && !IsReferenced(closure, id))
        {
            // A script package no source holds: said at its #load, with a code of its own.
            throw new ScriptException($"{load.File}({load.Directive.Line},1): error KPS0003: {ex.Message}");
        }
        catch (ScriptReferenceException ex)
        {
            // Point at the first package directive: the resolver names the package itself.
            throw new ScriptException($"{FirstDirective(closure)}: error{(ex.Code is null ? "" : " " + ex.Code)}: {ex.Message}");
        }
    }

    /// <summary>The script files of each <c>#load "nuget:"</c> package; a package without any is an error at its directive.</summary>
    private static List<PackageScripts> ScriptsOf(ScriptClosure closure, NuGetResolution resolution)
    {
        var scripts = new List<PackageScripts>();
        foreach (var file in closure.Files)
        {
            foreach (var load in file.PackageLoads)
            {
                if (scripts.Exists(s => s.Id.Equals(load.Id, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                var package = resolution.Packages.First(p => p.Id.Equals(load.Id, StringComparison.OrdinalIgnoreCase));
                var files = ScriptPackageFiles.Find(package.Directory);
                if (files.Count == 0)
                {
                    throw new ScriptException($"{file.Path}({load.Line},1): error KPS0004: {NoScripts(package)}");
                }

                scripts.Add(new PackageScripts(package.Id, package.Version, package.Directory, files));
            }
        }

        return scripts;
    }

    private static string NoScripts(ResolvedPackage package)
    {
        var others = ScriptPackageFiles.FrameworkFolders(package.Directory);
        var has = others.Count == 0 ? "it has none" : $"it has scripts for {string.Join(", ", others)} only";
        return $"package '{package.Id}' version '{package.Version}' has no script files to #load: they are the .csx files in contentFiles/csx/any/ (else contentFiles/csx/netstandard2.0/), as dotnet-script takes them, and {has} ({package.Directory}); for its assemblies alone use #r \"nuget: {package.Id}, {package.Version}\"";
    }

    private static (string File, PackageDirective Directive)? LoadOf(ScriptClosure closure, string id)
    {
        foreach (var file in closure.Files)
        {
            if (file.PackageLoads.FirstOrDefault(l => l.Id.Equals(id, StringComparison.OrdinalIgnoreCase)) is { } load)
            {
                return (file.Path, load);
            }
        }

        return null;
    }

    private static bool IsReferenced(ScriptClosure closure, string id) =>
        closure.Files.Any(f => f.Packages.Any(p => p.Id.Equals(id, StringComparison.OrdinalIgnoreCase)));

    /// <summary><c>file(line,1)</c> of the first package directive (<c>#r</c> or <c>#load</c>) of the first file that has one.</summary>
    private static string FirstDirective(ScriptClosure closure)
    {
        var file = closure.Files.First(f => f.Packages.Count > 0 || f.PackageLoads.Count > 0);
        var line = file.Packages.Concat(file.PackageLoads).Min(p => p.Line);
        return $"{file.Path}({line},1)";
    }
}
