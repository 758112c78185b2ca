using KpatchScript.IO;
using KpatchScript.Scripting.IO;

namespace KpatchScript.Scripting.Directives;

/// <summary>
/// A script and every file it reaches through <c>#load</c>, each read once, in the order Roslyn
/// compiles them. A missing file or a cycle is a <see cref="ScriptException"/> that names the
/// file and line of the directive, as a compiler diagnostic would. The script files of
/// <c>#load "nuget:"</c> packages are in it once the packages are resolved
/// (<see cref="WithPackageScripts"/>, on the compile path only: a cache hit resolves nothing).
/// </summary>
public sealed class ScriptClosure
{
    private ScriptClosure(ScriptFile main, IReadOnlyList<ScriptFile> files, IReadOnlyList<PackageScripts> packageScripts)
    {
        Main = main;
        Files = files;
        PackageScripts = packageScripts;
    }

    public ScriptFile Main { get; }

    /// <summary>The main file first, then the loaded ones in the order they were reached.</summary>
    public IReadOnlyList<ScriptFile> Files { get; }

    /// <summary>The script files of the <c>#load "nuget:"</c> packages, once resolved; empty before.</summary>
    public IReadOnlyList<PackageScripts> PackageScripts { get; }

    // Loops, not LINQ: the cache key reads these on every cached run (start-up time).

    /// <summary>
    /// Every <c>#r "nuget: ..."</c> and <c>#load "nuget: ..."</c> of every file, in file order: a package
    /// loaded as scripts is referenced too (its assemblies), as under dotnet-script.
    /// </summary>
    public IReadOnlyList<PackageDirective> Packages
    {
        get
        {
            var packages = new List<PackageDirective>();
            foreach (var file in Files)
            {
                packages.AddRange(file.Packages);
                packages.AddRange(file.PackageLoads);
            }

            return packages;
        }
    }

    /// <summary>The resolved package a <c>#load "nuget: Id"</c> names, by id as NuGet compares them; null before resolution.</summary>
    public PackageScripts? ScriptsOf(string id) => Find(PackageScripts, id);

    private static PackageScripts? Find(IReadOnlyList<PackageScripts> packages, string id)
    {
        foreach (var package in packages)
        {
            if (package.Id.Equals(id, StringComparison.OrdinalIgnoreCase))
            {
                return package;
            }
        }

        return null;
    }

    /// <summary>
    /// The same script with the files of its <c>#load "nuget:"</c> packages in the closure, each where its directive
    /// stands, walked as local <c>#load</c>s are (their own <c>#load</c>s too). A package not in
    /// <paramref name="packages"/> is not walked: a package's files may name more packages, for the caller to resolve and pass.
    /// </summary>
    public ScriptClosure WithPackageScripts(IReadOnlyList<PackageScripts> packages) => From(Main, packages);

    /// <summary>Every <c>#r</c> that names a file, once each.</summary>
    public IReadOnlyList<string> ReferenceFiles
    {
        get
        {
            var files = new List<string>();
            foreach (var file in Files)
            {
                foreach (var reference in file.References)
                {
                    if (Path.IsPathRooted(reference.Value) && !files.Contains(reference.Value))
                    {
                        files.Add(reference.Value);
                    }
                }
            }

            return files;
        }
    }

    public static ScriptClosure FromFile(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new ScriptException($"{full}: no such script file");
        }

        string text;
        try
        {
            text = TextFile.Read(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ScriptException($"cannot read the script: {ex.Message}");
        }

        return From(DirectiveParser.Parse(full, text));
    }

    /// <summary>Code given on the command line or stdin (<paramref name="name"/>: what messages call it, in the working directory); <c>#load</c> paths are relative to the working directory.</summary>
    public static ScriptClosure FromCode(string code, string workingDirectory, string name = "eval.csx") =>
        From(DirectiveParser.Parse(Path.Combine(Path.GetFullPath(workingDirectory), name), code));

    private static ScriptClosure From(ScriptFile main, IReadOnlyList<PackageScripts>? packages = null)
    {
        packages ??= [];
        var files = new List<ScriptFile> { main };
        var seen = new HashSet<string>(StringComparer.Ordinal) { main.Path };
        Walk(packages, main, [main.Path], files, seen);
        return new ScriptClosure(main, files, packages);
    }

    /// <summary>The file's <c>#load</c>s in the order they stand, a package's files where its directive stands.</summary>
    private static void Walk(IReadOnlyList<PackageScripts> packages, ScriptFile file, List<string> chain, List<ScriptFile> files, HashSet<string> seen)
    {
        CheckReferences(file);
        var packageLoads = file.PackageLoads;
        var next = 0;
        foreach (var load in file.Loads)
        {
            for (; next < packageLoads.Count && packageLoads[next].Line < load.Line; next++)
            {
                WalkPackage(packages, file, packageLoads[next], chain, files, seen);
            }

            Load(packages, file, load, chain, files, seen);
        }

        for (; next < packageLoads.Count; next++)
        {
            WalkPackage(packages, file, packageLoads[next], chain, files, seen);
        }
    }

    private static void WalkPackage(IReadOnlyList<PackageScripts> packages, ScriptFile file, PackageDirective load, List<string> chain, List<ScriptFile> files, HashSet<string> seen)
    {
        if (Find(packages, load.Id) is not { } package)
        {
            return; // not resolved yet
        }

        foreach (var script in package.Files)
        {
            Load(packages, file, new Directive(script, load.Line), chain, files, seen);
        }
    }

    private static void Load(IReadOnlyList<PackageScripts> packages, ScriptFile file, Directive load, List<string> chain, List<ScriptFile> files, HashSet<string> seen)
    {
        if (chain.Contains(load.Value))
        {
            throw CycleError(file, load, chain);
        }

        if (!seen.Add(load.Value))
        {
            return; // Loaded once, as Roslyn does.
        }

        if (!File.Exists(load.Value))
        {
            throw new ScriptException($"{file.Path}({load.Line},1): error CS1504: Source file '{load.Value}' could not be opened -- Could not find file.");
        }

        var loaded = DirectiveParser.Parse(load.Value, Read(file, load));
        files.Add(loaded);
        Walk(packages, loaded, [.. chain, load.Value], files, seen);
    }

    /// <summary>A #load file's text; a FIFO, a device or an oversized file is an error at the directive, as a compiler's would be.</summary>
    private static string Read(ScriptFile file, Directive load)
    {
        try
        {
            return TextFile.Read(load.Value);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ScriptException($"{file.Path}({load.Line},1): error CS1504: Source file '{load.Value}' could not be opened -- {ex.Message}");
        }
    }

    /// <summary>
    /// Every #r file is checked where it is named: a FIFO would block the cache key's hashing and
    /// the compiler's open, a device never end.
    /// </summary>
    private static void CheckReferences(ScriptFile file)
    {
        foreach (var reference in file.References)
        {
            // dotnet-script 1.x takes an SDK (#r "sdk:Microsoft.NET.Sdk.Web"); this runner has the shared
            // framework only: one line saying so, not the compiler's CS0006 about a file named "sdk:...".
            if (reference.Value.StartsWith("sdk:", StringComparison.OrdinalIgnoreCase))
            {
                throw new ScriptException($"{file.Path}({reference.Line},1): error KPS0002: #r \"{reference.Value}\" is not supported: kpatch-script runs scripts on the shared framework (Microsoft.NETCore.App) with the facade; reference what the SDK would bring as packages instead (#r \"nuget: Id, Version\")");
            }

            if (!Path.IsPathRooted(reference.Value) || BoundedFile.KindOf(reference.Value) == Host.EntryKind.Missing)
            {
                continue; // a name for the resolver, or missing: the compiler reports that (CS0006)
            }

            try
            {
                BoundedFile.Check(reference.Value, ReadLimits.Assembly);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ScriptException($"{file.Path}({reference.Line},1): error CS0009: Metadata file '{reference.Value}' could not be opened -- {ex.Message}");
            }
        }
    }

    // Its own method so LINQ (and System.Linq's load) is paid only when there is a cycle to report.
    private static ScriptException CycleError(ScriptFile file, Directive load, List<string> chain)
    {
        var cycle = string.Join(" -> ", chain.SkipWhile(p => p != load.Value).Append(load.Value).Select(Path.GetFileName));
        return new ScriptException($"{file.Path}({load.Line},1): error KPS0001: #load cycle: {cycle}");
    }
}
