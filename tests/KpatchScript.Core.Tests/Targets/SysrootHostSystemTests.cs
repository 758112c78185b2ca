using KpatchScript.Host;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;

namespace KpatchScript.Core.Tests.Targets;

public sealed class SysrootHostSystemTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kps-sysroot-test-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Refuses_writes_with_a_read_only_error_and_leaves_the_file_alone()
    {
        Directory.CreateDirectory(Path.Combine(_root, "sys/kernel/livepatch/p"));
        File.WriteAllText(Path.Combine(_root, "sys/kernel/livepatch/p/enabled"), "1\n");
        var host = new SysrootHostSystem(_root);

        var ex = Assert.Throws<ReadOnlyTargetException>(() => host.WriteFile("/sys/kernel/livepatch/p/enabled", "0"));

        Assert.Equal($"target sysroot:{_root} is read-only: cannot write /sys/kernel/livepatch/p/enabled", ex.Message);
        Assert.Equal("1\n", File.ReadAllText(Path.Combine(_root, "sys/kernel/livepatch/p/enabled")));
    }

    [Fact]
    public void Refuses_mutating_commands_before_starting_anything()
    {
        var host = new SysrootHostSystem(_root);

        var ex = Assert.Throws<ReadOnlyTargetException>(() => host.Run(new CommandSpec(["dnf", "install", "kpatch-patch = 1"], Mutates: true)));

        Assert.Contains("is read-only: refusing to run dnf install 'kpatch-patch = 1'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Says_that_other_programs_cannot_run_on_a_captured_tree()
    {
        var ex = Assert.Throws<CommandUnavailableException>(() => new SysrootHostSystem(_root).Run(CommandSpec.Query("uname", "-m")));

        Assert.Contains("cannot run on a sysroot target", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolves_absolute_links_inside_the_tree_never_on_this_machine()
    {
        Directory.CreateDirectory(Path.Combine(_root, "usr/lib"));
        Directory.CreateDirectory(Path.Combine(_root, "etc"));
        File.WriteAllText(Path.Combine(_root, "usr/lib/os-release"), "ID=captured\n");
        File.CreateSymbolicLink(Path.Combine(_root, "etc/os-release"), "/usr/lib/os-release");
        File.CreateSymbolicLink(Path.Combine(_root, "etc/passwd-link"), "/etc/passwd");
        var host = new SysrootHostSystem(_root);

        Assert.Equal("ID=captured\n", host.ReadFile("/etc/os-release"));
        Assert.Equal(EntryKind.Missing, host.GetEntryKind("/etc/passwd-link")); // /etc/passwd of the tree, which has none
        Assert.Throws<FileNotFoundException>(() => host.ReadFile("/etc/passwd-link"));
    }

    [Fact]
    public void Does_not_climb_above_the_root_with_dot_dot()
    {
        File.WriteAllText(Path.Combine(_root, "inside"), "x");
        var host = new SysrootHostSystem(_root);

        Assert.Equal("x", host.ReadFile("/../../../inside"));
        Directory.CreateDirectory(Path.Combine(_root, "d", "e"));
        Assert.Equal("x", host.ReadFile("/d/e/../../inside"));
        Assert.Equal("x", host.ReadFile("/d/../d/e/../../../inside"));
        Assert.Equal(EntryKind.Missing, host.GetEntryKind("/../../etc/hostname"));
    }

    [Fact]
    public void Stops_following_a_link_loop()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "a"), "/b");
        File.CreateSymbolicLink(Path.Combine(_root, "b"), "/a");

        var ex = Assert.Throws<IOException>(() => new SysrootHostSystem(_root).ReadFile("/a"));

        Assert.Contains("too many levels of symbolic links", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_entries_sorted_with_links_classified_inside_the_tree()
    {
        Directory.CreateDirectory(Path.Combine(_root, "d/sub"));
        File.WriteAllText(Path.Combine(_root, "d/file"), "");
        Directory.CreateDirectory(Path.Combine(_root, "target"));
        File.CreateSymbolicLink(Path.Combine(_root, "d/link"), "/target");

        var entries = new SysrootHostSystem(_root).ListDirectory("/d");

        Assert.Equal([("file", EntryKind.File), ("link", EntryKind.Directory), ("sub", EntryKind.Directory)], entries.Select(e => (e.Name, e.Kind)));
    }

    [Fact]
    public void Queries_the_trees_own_rpm_database_with_real_rpm()
    {
        var host = new SysrootHostSystem(SysrootFixtures.Get(SysrootFixtures.Rhel9KpatchDnf));

        var result = host.Run(CommandSpec.Query("rpm", "-q", "kpatch-dnf"));

        Assert.True(result.Succeeded, result.StandardError);
        Assert.Equal("kpatch-dnf-0.9.10-1.el9.noarch", result.StandardOutput.Trim());
    }

    [Fact]
    public void A_database_directory_without_rpm_s_files_is_no_database_and_rpm_never_makes_one()
    {
        // What git keeps of an empty /var/lib/rpm; rpm -qa there would create rpmdb.sqlite in the tree.
        Directory.CreateDirectory(Path.Combine(_root, "var/lib/rpm"));
        File.WriteAllText(Path.Combine(_root, "var/lib/rpm/.gitkeep"), "");
        var host = new SysrootHostSystem(_root);

        var ex = Assert.Throws<CommandUnavailableException>(() => host.Run(CommandSpec.Query("rpm", "--query", "--all")));

        Assert.Equal("the sysroot has no rpm database (/var/lib/rpm or /usr/lib/sysimage/rpm)", ex.Message);
        Assert.Equal([".gitkeep"], Directory.GetFileSystemEntries(Path.Combine(_root, "var/lib/rpm")).Select(Path.GetFileName));
    }

    [Fact]
    public void Rejects_unknown_target_forms_with_the_accepted_ones()
    {
        Assert.Equal("unknown target 'ssh:x': expected local | sysroot:DIR | ssh://USER@HOST[:PORT]", Assert.Throws<HostSystemException>(() => HostSystems.Open("ssh:x")).Message);
        Assert.Contains("needs a directory", Assert.Throws<HostSystemException>(() => HostSystems.Open("sysroot:")).Message, StringComparison.Ordinal);
        Assert.Contains("is not a directory", Assert.Throws<HostSystemException>(() => HostSystems.Open("sysroot:/nonexistent/kps")).Message, StringComparison.Ordinal);
        Assert.IsType<LocalHostSystem>(HostSystems.Open("local"));
    }
}
