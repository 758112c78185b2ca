using KpatchScript.Testing.Fixtures;

namespace KpatchScript.Packaging.Tests;

/// <summary>The packages this build packed, in the configuration the tests were built in.</summary>
internal static class BuiltPackages
{
    /// <summary>Version of every package: &lt;Version&gt; in Directory.Build.props.</summary>
    public static string Version { get; } = typeof(IKpatchFacade).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : throw new InvalidOperationException("no assembly version");

    private static string Configuration => Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(typeof(BuiltPackages).Assembly.Location)!)!);

    /// <summary>The kpatch-script dotnet tool package (src/KpatchScript.Cli).</summary>
    public static string Tool => Existing(RepositoryPaths.Combine("src", "KpatchScript.Cli", "bin", Configuration, $"kpatch-script.{Version}.nupkg"));

    private static string Existing(string path) =>
        File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: build the solution first (tests/run does)");
}
