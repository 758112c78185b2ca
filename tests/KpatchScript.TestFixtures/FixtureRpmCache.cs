using System.Security.Cryptography;

namespace KpatchScript.TestFixtures;

/// <summary>
/// RPMs built from spec files, kept under the temporary directory by the content of those specs
/// and shared by every test process: a directory appears under its final name only once its build
/// is complete (built aside, then renamed), so a reader never sees half of it, and two processes
/// building at once both end with the same complete directory. Entries unused for a week are removed.
/// </summary>
internal static class FixtureRpmCache
{
    private static readonly TimeSpan KeptUnused = TimeSpan.FromDays(7);
    private static readonly TimeSpan AbandonedBuild = TimeSpan.FromHours(1);

    /// <param name="specs">The spec files; their names and contents are the key.</param>
    /// <param name="build">Builds the RPMs of the specs into the empty directory it is given.</param>
    /// <returns>The directory holding the built RPMs (read-only by contract: tests copy from it).</returns>
    public static string Get(string[] specs, Action<string[], string> build)
    {
        var root = Path.Combine(Path.GetTempPath(), "kps-fixture-rpms");
        var sorted = specs.Order(StringComparer.Ordinal).ToArray();
        var entry = Path.Combine(root, KeyOf(sorted));
        if (Directory.Exists(entry))
        {
            Directory.SetLastWriteTimeUtc(entry, DateTime.UtcNow); // used: kept another week
            return entry;
        }

        Directory.CreateDirectory(root);
        var building = Path.Combine(root, $".building-{Guid.NewGuid():N}");
        Directory.CreateDirectory(building);
        try
        {
            build(sorted, building);
            Directory.Move(building, entry);
        }
        catch (IOException) when (Directory.Exists(entry))
        {
            // Another test process finished the same build first: its copy is as good.
        }
        finally
        {
            TempLeftovers.TryDelete(building);
        }

        RemoveStale(root, entry);
        return entry;
    }

    private static string KeyOf(string[] specs)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var spec in specs)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(spec) + "\0"));
            hash.AppendData(File.ReadAllBytes(spec));
            hash.AppendData([0]);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }

    private static void RemoveStale(string root, string keep)
    {
        var now = DateTime.UtcNow;
        foreach (var directory in Directory.EnumerateDirectories(root))
        {
            var unused = now - Directory.GetLastWriteTimeUtc(directory);
            var abandoned = Path.GetFileName(directory).StartsWith(".building-", StringComparison.Ordinal) && unused > AbandonedBuild;
            if (directory != keep && (abandoned || unused > KeptUnused))
            {
                TempLeftovers.TryDelete(directory);
            }
        }
    }
}
