namespace KpatchScript.TestFixtures;

/// <summary>
/// Expected outputs committed next to the tests that check them (Scriban-style golden files).
/// Set KPS_UPDATE_GOLDEN=1 to rewrite them from the current output, then review the diff
/// before committing: a golden file is a statement of what is right, not a recording.
/// </summary>
public static class GoldenFiles
{
    /// <summary>The expected content for <paramref name="repositoryRelativePath"/>, rewritten first when updating.</summary>
    public static string Expected(string repositoryRelativePath, string actual)
    {
        var path = RepositoryPaths.Combine(repositoryRelativePath.Split('/'));
        if (Environment.GetEnvironmentVariable("KPS_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
        }

        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new FileNotFoundException($"golden file {path} is missing; run the tests once with KPS_UPDATE_GOLDEN=1 and review it", path);
    }
}
