namespace KpatchScript.Scripting.NuGet;

/// <summary>A <c>#r "nuget: Id, Version"</c> directive: the package id and the version text as written (null when absent).</summary>
/// <param name="Id">The package id, e.g. <c>Newtonsoft.Json</c>.</param>
/// <param name="Version">A version (<c>1.2.3</c>, <c>[1.2.3]</c>: exact), <c>*</c>, a floating version or a range; null means the highest.</param>
public sealed record NuGetReference(string Id, string? Version);
