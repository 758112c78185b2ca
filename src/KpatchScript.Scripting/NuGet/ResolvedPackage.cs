namespace KpatchScript.Scripting.NuGet;

/// <summary>A package chosen by resolution, extracted in the packages folder.</summary>
/// <param name="Id">The id as the package's nuspec spells it.</param>
/// <param name="Version">The normalized version.</param>
/// <param name="Directory">The extracted package: <c>&lt;packages&gt;/&lt;id&gt;/&lt;version&gt;</c>.</param>
public sealed record ResolvedPackage(string Id, string Version, string Directory);
