using KpatchScript.Host;
using KpatchScript.Operations;
using KpatchScript.Targets;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Core.Tests.Operations;

/// <summary>Where the lock and the journal are (one rule per host) and what a run that finds the lock held says.</summary>
public sealed class HostLockTests
{
    [Theory]
    [InlineData("local", false, null, null, "/")]
    [InlineData("local", false, null, "/srv/state", "/srv/state")]
    [InlineData("local", false, "/srv/root", "/srv/state", "/srv/root")]
    [InlineData("ssh://root@h:22", false, null, "/srv/state", "/")]
    [InlineData("ssh://root@h:22", false, "/srv/root", "/srv/state", "/srv/root")]
    [InlineData("sysroot:/srv/tree", true, "/srv/tree", "/srv/state", "/")]
    public void One_rule_says_where_a_host_keeps_its_lock_and_journal(string target, bool readOnly, string? installRoot, string? stateDirectory, string root)
    {
        var host = new FakeHostSystem(target, readOnly);

        Assert.Equal(root, OperationPaths.RootOf(host, installRoot, stateDirectory));
        Assert.Equal(OperationPaths.For(root).JournalFile, OperationPaths.On(host, installRoot, stateDirectory).JournalFile);
    }

    [Fact]
    public void The_lock_and_the_journal_of_a_remote_target_are_on_the_target()
    {
        var host = new FakeHostSystem("ssh://root@h:22").WithCommand("true", 0, "");
        var record = new OperationRecord("load", host.Name, null, null, [new CommandSpec(["true"], Mutates: true)]);

        var result = new OperationRunner(host, new SteppingTimeProvider(), TimeSpan.Zero, stateDirectory: "/srv/state").Run(record, dryRun: false, _ => null, CancellationToken.None);

        Assert.Equal(OperationOutcome.Succeeded, result.Outcome);
        Assert.Equal(["/run/lock/kpatch-script.lock"], host.LocksTaken);
        Assert.Equal(2, host.ReadFile("/var/log/kpatch-script/journal.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void A_held_lock_fails_the_run_naming_the_holder_and_the_target_and_journals_nothing()
    {
        var host = new FakeHostSystem("ssh://root@h:22").WithLockHeld("/run/lock/kpatch-script.lock", "pid 41 of alice on admin1");
        var record = new OperationRecord("install", host.Name, null, "5.14.0-284.11.1.el9_2.x86_64", [new CommandSpec(["dnf"], Mutates: true)]);

        var result = new OperationRunner(host, new SteppingTimeProvider(), TimeSpan.FromSeconds(30)).Run(record, dryRun: false, _ => null, CancellationToken.None);

        Assert.Equal(
            "another kpatch-script operation (pid 41 of alice on admin1) holds /run/lock/kpatch-script.lock on ssh://root@h:22 and did not finish within 30 s; try again when it has finished",
            result.Error);
        Assert.Empty(host.Commands);
        Assert.Equal(EntryKind.Missing, host.GetEntryKind("/var/log/kpatch-script/journal.jsonl"));
    }

    [Fact]
    public void A_holder_line_that_is_not_plain_text_is_left_out_of_the_message()
    {
        var host = new FakeHostSystem("ssh://root@h:22").WithLockHeld("/run/lock/kpatch-script.lock", "\u001b[31mred");
        var record = new OperationRecord("install", host.Name, null, null, []);

        var result = new OperationRunner(host, new SteppingTimeProvider(), TimeSpan.Zero).Run(record, dryRun: false, _ => null, CancellationToken.None);

        Assert.StartsWith("another kpatch-script operation holds /run/lock/kpatch-script.lock on ssh://root@h:22 ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void This_machine_takes_the_lock_under_state_directory_and_a_sysroot_never_locks()
    {
        var state = Directory.CreateTempSubdirectory("kps-lock-").FullName;
        try
        {
            var record = new OperationRecord("load", "local", null, null, []);
            var local = new OperationRunner(new LocalHostSystem(), new SteppingTimeProvider(), TimeSpan.Zero, state).Run(record, dryRun: false, _ => null, CancellationToken.None);
            var tree = new FakeHostSystem("sysroot:/srv/tree", isReadOnly: true);
            var sysroot = new OperationRunner(tree, new SteppingTimeProvider(), TimeSpan.Zero, state).Run(record with { Target = tree.Name }, dryRun: false, _ => null, CancellationToken.None);

            Assert.Equal(OperationOutcome.Succeeded, local.Outcome);
            Assert.True(File.Exists(Path.Combine(state, OperationPaths.LockRelative)));
            Assert.Equal(2, File.ReadAllLines(Path.Combine(state, OperationPaths.JournalRelative)).Length);
            Assert.StartsWith("target sysroot:/srv/tree is read-only", sysroot.Error, StringComparison.Ordinal);
            Assert.Empty(tree.LocksTaken);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }
}
