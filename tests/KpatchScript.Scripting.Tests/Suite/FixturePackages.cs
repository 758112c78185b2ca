using System.IO.Compression;
using KpatchScript.TestFixtures;

namespace KpatchScript.Scripting.Tests.Suite;

/// <summary>
/// The script packages of <c>tests/fixtures/script-packages</c> as real .nupkg files: each folder
/// <c>ID.VERSION</c> is the package's content (its nuspec, <c>contentFiles/csx/...</c>), zipped as it
/// stands, except that each <c>NAME.dll.cs</c> goes in compiled, as <c>NAME.dll</c> (no binary is committed).
/// </summary>
internal static class FixturePackages
{
    public static string Root { get; } = RepositoryPaths.Combine("tests", "fixtures", "script-packages");

    /// <summary>Writes every package into <paramref name="feed"/> (a local folder feed); returns their paths.</summary>
    public static IReadOnlyList<string> WriteInto(string feed) =>
        [.. Directory.GetDirectories(Root).Order(StringComparer.Ordinal).Select(folder => Pack(folder, feed))];

    private static string Pack(string folder, string feed)
    {
        var path = Path.Combine(feed, Path.GetFileName(folder) + ".nupkg");
        File.Delete(path);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(folder, file);
            var compiled = name.EndsWith(".dll.cs", StringComparison.Ordinal);
            using var entry = zip.CreateEntry(compiled ? name[..^".cs".Length] : name).Open();
            entry.Write(compiled ? CaseAssemblies.Compile(file) : File.ReadAllBytes(file));
        }

        return path;
    }
}
