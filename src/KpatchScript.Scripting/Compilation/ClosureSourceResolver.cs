using System.Text;
using KpatchScript.IO;
using KpatchScript.Scripting.Directives;
using Microsoft.CodeAnalysis;

namespace KpatchScript.Scripting.Compilation;

/// <summary>
/// Serves <c>#load</c>ed files from the closure already read (so the compiled text is the text
/// that was hashed), with NuGet directives blanked out: the host adds package references itself.
/// </summary>
internal sealed class ClosureSourceResolver(ScriptClosure closure) : SourceReferenceResolver
{
    private readonly SourceFileResolver _paths = new([], Path.GetDirectoryName(closure.Main.Path));

    public override string? NormalizePath(string path, string? baseFilePath) => _paths.NormalizePath(path, baseFilePath);

    public override string? ResolveReference(string path, string? baseFilePath) => _paths.ResolveReference(path, baseFilePath);

    public override Stream OpenRead(string resolvedPath)
    {
        var file = closure.Files.FirstOrDefault(f => f.Path == resolvedPath);
        return file is null
            ? BoundedFile.OpenRead(resolvedPath, ReadLimits.Script)
            : new MemoryStream(Encoding.UTF8.GetBytes(DirectiveParser.WithoutPackageDirectives(file.Text)));
    }

    public override bool Equals(object? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => closure.GetHashCode();
}
