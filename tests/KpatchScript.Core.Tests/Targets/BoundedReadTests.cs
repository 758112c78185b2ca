using KpatchScript.Host;
using KpatchScript.IO;
using KpatchScript.Operations;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;

namespace KpatchScript.Core.Tests.Targets;

/// <summary>
/// Every read of a target is bounded (issue 17, point 7): a FIFO is refused at once instead of
/// waiting for a writer forever, a device or a huge file is refused instead of filling memory,
/// and sysfs/procfs files (regular, with sizes of 0 or 4096) are still read, with the same cap.
/// </summary>
public sealed class BoundedReadTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);
    private readonly string _root = Directory.CreateTempSubdirectory("kps-bounded-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Refuses_a_fifo_in_a_sysroot_at_once_and_calls_it_other()
    {
        Directory.CreateDirectory(Path.Combine(_root, "etc"));
        SpecialFiles.MakeFifo(Path.Combine(_root, "etc/os-release"));
        var host = new SysrootHostSystem(_root);

        var ex = Deadline.Within(Limit, () => Assert.Throws<NotRegularFileException>(() => host.ReadFile("/etc/os-release")));

        Assert.Equal($"{_root}/etc/os-release is a named pipe (FIFO), not a regular file: name a regular file instead", ex.Message);
        Assert.Equal(EntryKind.Other, host.GetEntryKind("/etc/os-release"));
        Assert.Equal([new DirectoryEntry("os-release", EntryKind.Other)], host.ListDirectory("/etc"));
    }

    [Fact]
    public void Refuses_a_file_larger_than_the_limit_without_reading_it()
    {
        Directory.CreateDirectory(Path.Combine(_root, "proc"));
        SpecialFiles.MakeSparse(Path.Combine(_root, "proc/version"), ReadLimits.TargetFile + 1);

        var ex = Deadline.Within(Limit, () => Assert.Throws<FileTooLargeException>(() => new SysrootHostSystem(_root).ReadFile("/proc/version")));

        Assert.Equal($"{_root}/proc/version is 32 MiB, more than the 32 MiB kpatch-script reads from such a file: check that it is the right file", ex.Message);
    }

    [Fact]
    public void Refuses_a_device_on_this_machine_and_reads_procfs_with_the_cap()
    {
        var host = new LocalHostSystem();

        var ex = Deadline.Within(Limit, () => Assert.Throws<NotRegularFileException>(() => host.ReadFile("/dev/zero")));

        Assert.Equal("/dev/zero is a character device, not a regular file: name a regular file instead", ex.Message);
        Assert.Equal(EntryKind.Other, host.GetEntryKind("/dev/zero"));
        Assert.Contains("Pid:", host.ReadFile("/proc/self/status"), StringComparison.Ordinal); // procfs reports size 0
        Assert.Equal(EntryKind.File, host.GetEntryKind("/proc/self/status"));
    }

    [Fact]
    public void Caps_a_procfs_file_whose_size_says_nothing_while_reading()
    {
        // procfs reports a size of 0 whatever a file holds: only the read itself can see the cap passed.
        var ex = Assert.Throws<FileTooLargeException>(() => BoundedFile.ReadBytes("/proc/self/status", 100));

        Assert.Equal("/proc/self/status holds more than 100 bytes, the most kpatch-script reads from such a file: check that it is the right file", ex.Message);
    }

    [Fact]
    public void Keeps_links_inside_the_tree_when_they_name_a_device()
    {
        Directory.CreateDirectory(Path.Combine(_root, "proc/sys/kernel"));
        File.CreateSymbolicLink(Path.Combine(_root, "proc/sys/kernel/tainted"), "/dev/zero");
        var host = new SysrootHostSystem(_root);

        Assert.Equal(EntryKind.Missing, host.GetEntryKind("/proc/sys/kernel/tainted")); // the tree's /dev/zero, which it does not have
        Assert.Throws<FileNotFoundException>(() => host.ReadFile("/proc/sys/kernel/tainted"));
    }

    [Fact]
    public void Refuses_an_audit_journal_that_is_a_fifo()
    {
        var journal = Path.Combine(_root, "var/log/kpatch-script/journal.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(journal)!);
        SpecialFiles.MakeFifo(journal);

        var ex = Deadline.Within(Limit, () => Assert.Throws<HostSystemException>(() => JournalReader.Read(new LocalHostSystem(), installRoot: null, stateDirectory: _root)));

        Assert.Equal($"cannot read the audit journal {journal}: {journal} is a named pipe (FIFO), not a regular file: name a regular file instead", ex.Message);
    }

    [Fact]
    public void Stops_a_command_that_prints_without_end()
    {
        var ex = Deadline.Within(TimeSpan.FromSeconds(60), () =>
            Assert.Throws<OutputTooLargeException>(() => new LocalHostSystem().Run(CommandSpec.Query("cat", "/dev/zero"))));

        Assert.Equal("cat printed more than 64 MiB and was stopped: that is not the output of a working command", ex.Message);
    }

    [Fact]
    public void Answers_an_oversized_snapshot_file_with_the_limit()
    {
        var content = new string('1', (int)ReadLimits.TargetFile + 1);
        var snapshot = HostSnapshot.Parse(new SysrootHostSystem(_root), $"c\0/sys/kernel/big\0{content}\0");

        var ex = Assert.Throws<FileTooLargeException>(() => snapshot.ReadFile("/sys/kernel/big"));

        Assert.Equal($"/sys/kernel/big on sysroot:{_root} is larger than 32 MiB, the most kpatch-script reads from such a file: check that it is the right file", ex.Message);
    }
}
