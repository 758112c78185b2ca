using System.Text;
using KpatchScript.IO;
using KpatchScript.Scripting.Directives;
using Microsoft.CodeAnalysis;

namespace KpatchScript.Scripting.Compilation;

/// <summary>
/// Serves <c>#load</c>ed files from the closure already read (so the compiled text is the text
/// that was hashed), with NuGet references blanked out: the host adds package references itself.
/// A <c>#load "nuget: Id, Version"</c> is the package's one script file, or for several a file of
/// <c>#load</c> lines naming them (as dotnet-script serves a script package).
/// </summary>
internal sealed class ClosureSourceResolver(ScriptClosure closure) : SourceReferenceResolver
{
    private readonly SourceFileResolver _paths = new([], Path.GetDirectoryName(closure.Main.Path));

    public override string? NormalizePath(string path, string? baseFilePath) =>
        PackageOf(path) is not null ? path : _paths.NormalizePath(path, baseFilePath);

    public override string? ResolveReference(string path, string? baseFilePath) =>
        PackageOf(path) is { } package ? package.LoadPath : _paths.ResolveReference(path, baseFilePath);

    public override Stream OpenRead(string resolvedPath)
    {
        if (closure.PackageScripts.FirstOrDefault(p => p.Files.Count != 1 && p.LoadPath == resolvedPath) is { } package)
        {
            return new MemoryStream(Encoding.UTF8.GetBytes(string.Concat(package.Files.Select(f => $"#load \"{f}\"\n"))));
        }

        var file = closure.Files.FirstOrDefault(f => f.Path == resolvedPath);
        return file is null
            ? BoundedFile.OpenRead(resolvedPath, ReadLimits.Script)
            : new MemoryStream(Encoding.UTF8.GetBytes(DirectiveParser.WithoutPackageDirectives(file.Text)));
    }

    public override bool Equals(object? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => closure.GetHashCode();

    /// <summary>The resolved package a <c>#load "nuget: ..."</c> names; null for any other path.</summary>
    private PackageScripts? PackageOf(string path) =>
        path.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase) && DirectiveParser.Package(path) is { } directive
            ? closure.ScriptsOf(directive.Id)
            : null;
}
