namespace KpatchScript.Scripting.Directives;

/// <summary>
/// The script files a <c>#load "nuget: Id, Version"</c> loads from the package resolution chose, in the
/// order they are loaded (found by dotnet-script's rules: <see cref="NuGet.ScriptPackageFiles"/>).
/// </summary>
/// <param name="Id">The package id, as its nuspec spells it.</param>
/// <param name="Version">The version resolution chose (normalized).</param>
/// <param name="Directory">The extracted package.</param>
/// <param name="Files">Full paths; empty when the package has no script files to load.</param>
public sealed record PackageScripts(string Id, string Version, string Directory, IReadOnlyList<string> Files)
{
    /// <summary>
    /// The name Roslyn sees for a package of several files: a file of <c>#load</c> lines, one per script file
    /// (as dotnet-script serves it); a package of one file is that file.
    /// </summary>
    public string LoadPath => Files.Count == 1 ? Files[0] : $"nuget:{Id}/{Version}";
}
