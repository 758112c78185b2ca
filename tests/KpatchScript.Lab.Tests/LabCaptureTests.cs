using System.Globalization;
using KpatchScript.Testing.Fixtures;

namespace KpatchScript.Lab.Tests;

/// <summary>tests/lab/capture against a live guest: the snapshot holds what the kernel showed.</summary>
public sealed class LabCaptureTests
{
    private const long LivepatchTaint = 32768; // TAINT_LIVEPATCH, "K"

    [Fact]
    public void Should_capture_an_enabled_patch_and_the_livepatch_taint()
    {
        using var lab = new KernelLab();
        lab.GuestRun("insmod", KernelLab.ModulePath(LabModules.Cmdline));

        var snapshot = Capture(lab);
        try
        {
            var patch = Path.Combine(snapshot, "sys/kernel/livepatch", LabModules.ModuleName(LabModules.Cmdline));
            Assert.Equal("1\n", File.ReadAllText(Path.Combine(patch, "enabled")));
            Assert.Equal("0\n", File.ReadAllText(Path.Combine(patch, "transition")));
            Assert.False(File.Exists(Path.Combine(patch, "force")), "force is write-only and must be left out");
            Assert.True(Directory.Exists(Path.Combine(patch, "vmlinux", "cmdline_proc_show,1")), "the (empty) function directory");
            var tainted = long.Parse(File.ReadAllText(Path.Combine(snapshot, "proc/sys/kernel/tainted")).Trim(), CultureInfo.InvariantCulture);
            Assert.Equal(LivepatchTaint, tainted & LivepatchTaint);
            Assert.Equal(lab.KernelRelease + "\n", File.ReadAllText(Path.Combine(snapshot, "proc/sys/kernel/osrelease")));
            Assert.Contains("lab_cmdline ", File.ReadAllText(Path.Combine(snapshot, "proc/modules")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(snapshot, recursive: true);
        }
    }

    [Fact]
    public void Should_capture_a_stalled_transition_and_let_it_finish_on_release()
    {
        using var lab = new KernelLab();
        lab.GuestRun("insmod", KernelLab.ModulePath(LabModules.StallTarget));
        lab.GuestRun("insmod", KernelLab.ModulePath(LabModules.StallPatch));
        var patch = $"/sys/kernel/livepatch/{LabModules.StallPatch}";

        var snapshot = Capture(lab);
        try
        {
            Assert.Equal("1\n", File.ReadAllText(Path.Combine(snapshot, patch.TrimStart('/'), "transition")));
            var stalled = Directory.GetDirectories(Path.Combine(snapshot, "proc"), "*", SearchOption.AllDirectories)
                .Where(task => File.Exists(Path.Combine(task, "comm")) && File.ReadAllText(Path.Combine(task, "comm")) == "lab_stall\n")
                .ToList();
            var task = Assert.Single(stalled);
            Assert.Equal("0\n", File.ReadAllText(Path.Combine(task, "patch_state")));
            Assert.Contains("lab_stall_wait", File.ReadAllText(Path.Combine(task, "stack")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(snapshot, recursive: true);
        }

        lab.GuestRun("sh", "-c", "echo 1 > /sys/module/lab_stall_target/parameters/release");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (lab.GuestRun("cat", $"{patch}/transition") != "0\n" && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(500);
        }

        Assert.Equal("0\n", lab.GuestRun("cat", $"{patch}/transition"));
        Assert.Equal("1\n", lab.GuestRun("cat", $"{patch}/enabled"));
    }

    private static string Capture(KernelLab lab)
    {
        var snapshot = Directory.CreateTempSubdirectory("kps-capture-").FullName;
        ProcessHelper.Run([RepositoryPaths.Combine("tests", "lab", "capture"), snapshot, .. lab.SshOptions, $"{KernelLab.User}@127.0.0.1"]);
        return snapshot;
    }
}
