using System.Globalization;

namespace KpatchScript.Targets;

/// <summary>
/// The private directory of an ssh target's master connection socket: <c>kps-ssh-&lt;pid&gt;-XXXXXX</c>
/// in the temporary directory, mode 0700. Disposing the target removes it; a kpatch-script killed
/// with SIGKILL cannot, so each new one first removes those whose process is gone (the master
/// itself ends 10 s after its last use: ControlPersist).
/// </summary>
internal static class SshControlDirectory
{
    private const string Prefix = "kps-ssh-";

    public static string Create()
    {
        RemoveOrphans(Path.GetTempPath());
        return Directory.CreateTempSubdirectory($"{Prefix}{Environment.ProcessId}-").FullName;
    }

    /// <summary>Removes the control directories of processes that no longer run; anything else is left as it is.</summary>
    internal static void RemoveOrphans(string temporaryDirectory)
    {
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateDirectories(temporaryDirectory, Prefix + "*");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var directory in candidates)
        {
            var name = Path.GetFileName(directory);
            var dash = name.IndexOf('-', Prefix.Length);
            if (dash < 0
                || !int.TryParse(name.AsSpan(Prefix.Length, dash - Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || pid == Environment.ProcessId
                || Directory.Exists($"/proc/{pid}"))
            {
                continue; // not ours in form, or its process still runs
            }

            try
            {
                // Only a directory as Create makes them (0700), never a link: a planted link is not followed.
                // Another user's is not readable here, and fails below (root removes any orphan).
                var info = new DirectoryInfo(directory);
                if (info.LinkTarget is null && info.UnixFileMode == (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute))
                {
                    info.Delete(recursive: true);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another kpatch-script removed it first, or it is not ours: leave it.
            }
        }
    }
}
