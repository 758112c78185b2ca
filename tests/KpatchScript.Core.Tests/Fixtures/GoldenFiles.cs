using KpatchScript.Testing.Fixtures;

namespace KpatchScript.Core.Tests.Fixtures;

/// <summary>
/// Compares output with a committed expected file. Set KPS_UPDATE_GOLDEN=1 to rewrite the
/// expected files from the current output, then review the diff before committing it.
/// </summary>
internal static class GoldenFiles
{
    public static void AssertMatches(string relativePath, string actual)
    {
        var path = RepositoryPaths.Combine("tests", "KpatchScript.Core.Tests", "Golden", relativePath);
        if (Environment.GetEnvironmentVariable("KPS_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing; run the tests once with KPS_UPDATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
