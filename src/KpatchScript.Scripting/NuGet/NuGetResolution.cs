namespace KpatchScript.Scripting.NuGet;

/// <summary>The result of resolving a script's NuGet references.</summary>
/// <param name="Packages">The asked packages first, then their dependencies, each id once.</param>
/// <param name="Assemblies">Full paths of the runtime assemblies to reference and load (<c>lib/&lt;nearest framework&gt;/*.dll</c>).</param>
/// <param name="Warnings">What NuGet would warn about (e.g. NU1608), for the host to print.</param>
public sealed record NuGetResolution(IReadOnlyList<ResolvedPackage> Packages, IReadOnlyList<string> Assemblies, IReadOnlyList<NuGetWarning> Warnings);
