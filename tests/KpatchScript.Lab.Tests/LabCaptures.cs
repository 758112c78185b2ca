using KpatchScript.TestFixtures;

namespace KpatchScript.Lab.Tests;

/// <summary>
/// Runs tests/lab/capture in a lab state and holds the capture against the checked-in sysroot
/// fixture of that state (tests/fixtures/sysroots/lab-*). Compared: the whole livepatch tree,
/// the taint, and the blocked tasks by name and patch_state; not pids, module addresses or the
/// kernel release, which change from boot to boot and from one Debian kernel update to the next.
/// With KPS_UPDATE_GOLDEN=1 the capture replaces the fixture (review the diff).
/// </summary>
internal static class LabCaptures
{
    public static string Capture(KernelLab lab)
    {
        var snapshot = Directory.CreateTempSubdirectory("kps-capture-").FullName;
        ProcessHelper.Run([RepositoryPaths.Combine("tests", "lab", "capture"), snapshot, .. lab.SshOptions, $"{KernelLab.User}@127.0.0.1"]);
        return snapshot;
    }

    /// <summary>Captures, checks against the fixture (or rewrites it), and returns the capture (the caller deletes it).</summary>
    public static string CaptureAndCompare(KernelLab lab, string fixture)
    {
        var capture = Capture(lab);
        var source = SysrootFixtures.SourceOf(fixture);
        if (Environment.GetEnvironmentVariable("KPS_UPDATE_GOLDEN") == "1")
        {
            if (Directory.Exists(source))
            {
                Directory.Delete(source, recursive: true);
            }

            CopyWithGitkeep(capture, source);
        }

        Assert.True(Directory.Exists(source), $"fixture {source} is missing; run the lab tests once with KPS_UPDATE_GOLDEN=1 and review it");
        Assert.Equal(Livepatch(source), Livepatch(capture));
        Assert.Equal(Read(source, "proc/sys/kernel/tainted"), Read(capture, "proc/sys/kernel/tainted"));
        Assert.Equal(Tasks(source), Tasks(capture));
        return capture;
    }

    private static string Read(string root, string relative) => File.ReadAllText(Path.Combine(root, relative));

    private static List<string> Livepatch(string root)
    {
        var tree = Path.Combine(root, "sys", "kernel", "livepatch");
        return Directory.EnumerateFileSystemEntries(tree, "*", SearchOption.AllDirectories)
            .Where(p => Path.GetFileName(p) != ".gitkeep")
            .Select(p => Path.GetRelativePath(tree, p) + (File.Exists(p) ? " = " + File.ReadAllText(p).Trim() : "/"))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The tasks the transition waits for: patch_state differs from the moving patch's enabled.
    /// The others come and go with every boot (kworkers, the capture's own shell) and are not compared.
    /// </summary>
    private static List<string> Tasks(string root)
    {
        var moving = Directory.EnumerateDirectories(Path.Combine(root, "sys", "kernel", "livepatch"))
            .FirstOrDefault(p => File.Exists(Path.Combine(p, "transition")) && Read(p, "transition").Trim() == "1");
        if (moving is null)
        {
            return [];
        }

        var target = Read(moving, "enabled").Trim();
        return Directory.EnumerateFiles(Path.Combine(root, "proc"), "patch_state", SearchOption.AllDirectories)
            .Where(p => File.ReadAllText(p).Trim() != target)
            .Select(p => $"{Read(Path.GetDirectoryName(p)!, "comm").Trim()}: {File.ReadAllText(p).Trim()}")
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>git keeps no empty directory: each gets a .gitkeep, which SysrootFixtures drops again.</summary>
    private static void CopyWithGitkeep(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        var entries = Directory.GetFileSystemEntries(source);
        if (entries.Length == 0)
        {
            File.WriteAllText(Path.Combine(destination, ".gitkeep"), "");
        }

        foreach (var entry in entries)
        {
            var target = Path.Combine(destination, Path.GetFileName(entry));
            if (Directory.Exists(entry))
            {
                CopyWithGitkeep(entry, target);
            }
            else
            {
                File.Copy(entry, target);
            }
        }
    }
}
