using KpatchScript.TestFixtures;

namespace KpatchScript.Packaging.Tests;

/// <summary>The packages this build packed, in the configuration the tests were built in.</summary>
internal static class BuiltPackages
{
    /// <summary>Version of every package: &lt;Version&gt; in Directory.Build.props.</summary>
    public static string Version { get; } = typeof(IKpatchFacade).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : throw new InvalidOperationException("no assembly version");

    private static string Configuration => Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(typeof(BuiltPackages).Assembly.Location)!)!);

    /// <summary>The kpatch-script dotnet tool package (src/KpatchScript.Cli).</summary>
    public static string Tool => Existing(RepositoryPaths.Combine("src", "KpatchScript.Cli", "bin", Configuration, $"kpatch-script.{Version}.nupkg"));

    /// <summary>The fakes package for plugin authors' tests (src/KpatchScript.Testing).</summary>
    public static string Testing => Existing(RepositoryPaths.Combine("src", "KpatchScript.Testing", "bin", Configuration, $"KpatchScript.Testing.{Version}.nupkg"));

    /// <summary>The contract package, the one dependency of <see cref="Testing"/> (src/KpatchScript.Abstractions).</summary>
    public static string Abstractions => Existing(RepositoryPaths.Combine("src", "KpatchScript.Abstractions", "bin", Configuration, $"KpatchScript.Abstractions.{Version}.nupkg"));

    private static string Existing(string path) =>
        File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: build the solution first (tests/run does)");
}
