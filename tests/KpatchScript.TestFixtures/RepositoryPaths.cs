namespace KpatchScript.TestFixtures;

/// <summary>Finds the repository (the folder holding KpatchScript.sln) above a test's output folder or the working directory.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootLazy = new(() =>
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "KpatchScript.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException($"KpatchScript.sln not found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}");
    });

    /// <summary>The repository root.</summary>
    public static string Root => RootLazy.Value;

    /// <summary>A path under the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);
}
