namespace KpatchScript.TestFixtures;

/// <summary>
/// Removal of what test processes leave under the temporary directory. A test process that is
/// killed (a mutation run's timeout, a cancelled run) never runs its exit handlers, so its copies
/// stay; on a CI machine that runs for months they add up (9,265 sysroot copies were found).
/// </summary>
internal static class TempLeftovers
{
    /// <summary>
    /// Removes the directories <c>PREFIX&lt;pid&gt;-…</c> under the temporary directory whose process has
    /// ended. A process still running keeps its own; one that reuses an ended process's id starts
    /// its copy afresh anyway (<see cref="SysrootFixtures.Materialize"/> deletes first).
    /// </summary>
    public static void SweepCopiesOfEndedProcesses(string prefix)
    {
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), prefix + "*"))
        {
            var rest = Path.GetFileName(directory)[prefix.Length..];
            var dash = rest.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(rest.AsSpan(0, dash), out var pid) && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}"))
            {
                TryDelete(directory);
            }
        }
    }

    /// <summary>Deletes a directory tree; one that another process removes at the same time, or cannot be removed, is left.</summary>
    public static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover is untidy, not wrong.
        }
    }
}
