using KpatchScript.Targets;

namespace KpatchScript.Core.Tests.Targets;

/// <summary>The ssh targets' control directories: one a killed kpatch-script left behind is removed by the next one, nothing else is.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SshControlDirectoryTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("kps-ctl-test-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Orphans_of_ended_processes_are_removed_and_live_ones_planted_links_and_others_stay()
    {
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        // pid_max is at most 4194304: a pid above it never runs.
        var orphan = Directory.CreateDirectory(Path.Combine(_temp, "kps-ssh-4194399-abc123"), Private).FullName;
        File.WriteAllText(Path.Combine(orphan, "master"), "");
        var live = Directory.CreateDirectory(Path.Combine(_temp, $"kps-ssh-{Environment.ProcessId}-def456"), Private).FullName;
        var notPrivate = Directory.CreateDirectory(Path.Combine(_temp, "kps-ssh-4194398-ghi789")).FullName;
        var precious = Directory.CreateDirectory(Path.Combine(_temp, "precious"), Private).FullName;
        File.WriteAllText(Path.Combine(precious, "keep"), "x");
        var planted = Path.Combine(_temp, "kps-ssh-4194397-jkl012");
        Directory.CreateSymbolicLink(planted, precious);
        var oldForm = Directory.CreateDirectory(Path.Combine(_temp, "kps-ssh-xyz"), Private).FullName;

        SshControlDirectory.RemoveOrphans(_temp);

        Assert.False(Directory.Exists(orphan));
        Assert.True(Directory.Exists(live));
        Assert.True(Directory.Exists(notPrivate));
        Assert.True(File.Exists(Path.Combine(precious, "keep")));
        Assert.NotNull(new DirectoryInfo(planted).LinkTarget);
        Assert.True(Directory.Exists(oldForm));
    }
}
