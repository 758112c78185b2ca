using System.Diagnostics;
using System.Text.Json;
using KpatchScript.Operations;
using KpatchScript.TestFixtures;
using static KpatchScript.TestFixtures.DnfLab;

namespace KpatchScript.Cli.Tests;

/// <summary>
/// The lock and the journal of an ssh target live on the target. Two kpatch-script processes with
/// a state_directory each (two admins on two machines) change one host: a real sshd on 127.0.0.1
/// whose sessions see a host of their own (its own /run/lock, /var/log, and a dnf with its own rpm
/// database, a DnfLab installroot), and the real executable.
/// </summary>
public sealed class RemoteLockTests : IDisposable
{
    private readonly string _hostPackages = NewInstallRoot();
    private readonly string _machines = Directory.CreateTempSubdirectory("kps-machines-").FullName;
    private readonly SshServer _sshd;

    public RemoteLockTests() => _sshd = new SshServer(new SshServer.OwnHost(_hostPackages));

    public void Dispose()
    {
        _sshd.Dispose();
        Directory.Delete(_hostPackages, recursive: true);
        Directory.Delete(_machines, recursive: true);
    }

    /// <summary>The host's journal, as this machine sees the directory the host's sessions see as /var/log.</summary>
    private string HostJournal => Path.Combine(_sshd.RemoteVarLog, "kpatch-script", "journal.jsonl");

    /// <summary>The configuration of one admin's machine: its own state_directory, the ssh keys of the test server.</summary>
    private Dictionary<string, string> Machine(string name, int lockWaitSeconds = 30)
    {
        var state = Path.Combine(_machines, name);
        Directory.CreateDirectory(state);
        var config = Path.Combine(_machines, name + ".json");
        File.WriteAllText(config, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["state_directory"] = state,
            ["lock_wait_seconds"] = lockWaitSeconds,
            ["ssh_identity_file"] = _sshd.ClientKey,
            ["ssh_known_hosts_file"] = _sshd.KnownHosts,
        }));
        return new Dictionary<string, string> { ["KPATCH_SCRIPT_CONFIG"] = config };
    }

    private List<JsonElement> JournalOfTheHost(string machine)
    {
        using var journal = CliProcess.Start(Machine(machine), "journal", "--json", "--limit", "0", "--target", _sshd.Target);
        var (exitCode, stdout, stderr) = CliProcess.Finish(journal);
        Assert.Equal((0, ""), (exitCode, stderr));
        return JsonDocument.Parse(stdout).RootElement.GetProperty("entries").EnumerateArray().ToList();
    }

    [Fact]
    public void Two_machines_changing_one_ssh_host_meet_at_its_lock_and_write_its_journal()
    {
        // The package's %pre sleeps 4 s, so the first install holds the host's lock that long.
        using var first = CliProcess.Start(Machine("admin1"), "install", "--target", _sshd.Target, "--kernel", KernelSlowPre);
        CliProcess.WaitForStartedRecord(HostJournal);
        var waited = Stopwatch.StartNew();
        using var second = CliProcess.Start(Machine("admin2", lockWaitSeconds: 1), "install", "--target", _sshd.Target, "--kernel", Kernel362);

        var (secondExit, secondOut, secondError) = CliProcess.Finish(second);
        waited.Stop();
        var (firstExit, _, firstError) = CliProcess.Finish(first);

        Assert.Equal((1, ""), (secondExit, secondOut));
        Assert.Equal(
            $"kpatch-script: error: another kpatch-script operation (pid {first.Id} of {Environment.UserName} on {Environment.MachineName}) holds /{OperationPaths.LockRelative} on {_sshd.Target} and did not finish within 1 s; try again when it has finished\n",
            secondError);
        Assert.True(waited.Elapsed >= TimeSpan.FromSeconds(1), $"the second run gave up after {waited.Elapsed}, before its lock_wait_seconds");
        Assert.Equal((0, ""), (firstExit, firstError));
        Assert.Equal([$"{PatchName(KernelSlowPre)}-1-1.el9_8.x86_64"], InstalledPackages(_hostPackages));

        // The lock and the journal are the host's: nothing under either machine's state_directory.
        Assert.True(File.Exists(Path.Combine(_sshd.RemoteRunLock, "kpatch-script.lock")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_machines, "admin1")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_machines, "admin2")));
        // A third machine reads the host's journal: the first run, started and ended; the second never started.
        var entry = Assert.Single(JournalOfTheHost("admin3"));
        Assert.Equal((first.Id, "succeeded", "install", _sshd.Target),
            (entry.GetProperty("pid").GetInt32(), entry.GetProperty("outcome").GetString(), entry.GetProperty("operation").GetString(), entry.GetProperty("target").GetString()));
    }

    [Fact]
    public void A_holder_killed_with_sigkill_leaves_no_lock_on_the_host()
    {
        using var first = CliProcess.Start(Machine("admin1"), "install", "--target", _sshd.Target, "--kernel", KernelSlowPre);
        CliProcess.WaitForStartedRecord(HostJournal);
        // Only kpatch-script dies: the pipe to the remote lock holder closes with it.
        first.Kill();
        first.WaitForExit();

        using var second = CliProcess.Start(Machine("admin2", lockWaitSeconds: 20), "install", "--target", _sshd.Target, "--kernel", Kernel362);
        var (exitCode, _, stderr) = CliProcess.Finish(second);

        Assert.Equal((0, ""), (exitCode, stderr));
        var entries = JournalOfTheHost("admin3");
        Assert.Equal([(second.Id, "succeeded"), (first.Id, "unfinished")], entries.Select(e => (e.GetProperty("pid").GetInt32(), e.GetProperty("outcome").GetString()!)));
    }
}
