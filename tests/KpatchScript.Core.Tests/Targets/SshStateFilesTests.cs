using KpatchScript.Host;
using KpatchScript.Status;
using KpatchScript.Targets;

namespace KpatchScript.Core.Tests.Targets;

/// <summary>
/// The host lock and the journal append of the ssh target, against a real sshd on 127.0.0.1: the
/// remote side is this machine, so what the target did is checked on the files themselves, and the
/// lock against this machine's own flock.
/// </summary>
public sealed class SshStateFilesTests : IClassFixture<SshHostSystemTests.Server>, IDisposable
{
    private readonly SshHostSystemTests.Server _server;
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-sshstate-").FullName;

    public SshStateFilesTests(SshHostSystemTests.Server server) => _server = server;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private SshHostSystem Open() =>
        (SshHostSystem)HostSystems.Open(_server.Sshd.Target, new KpatchSettings { SshIdentityFile = _server.Sshd.ClientKey, SshKnownHostsFile = _server.Sshd.KnownHosts });

    [Fact]
    public void Lines_are_appended_whole_into_a_new_directory_and_a_torn_line_is_closed_first()
    {
        using var host = Open();
        var journal = Path.Combine(_directory, "new", "dir", "journal.jsonl");
        string[] tricky = ["{\"a\":\"it's $(id) `id` \\\"q\\\" ; *\"}", "{\"é\":\"ünïcode ✓\"}"];

        host.AppendLine(journal, tricky[0]);
        File.AppendAllText(journal, "{\"torn\":"); // a crash cut the next write short
        host.AppendLine(journal, tricky[1]);

        Assert.Equal($"{tricky[0]}\n{{\"torn\":\n{tricky[1]}\n", File.ReadAllText(journal));
    }

    [Fact]
    public void The_lock_is_held_on_the_target_until_released_and_names_its_holder()
    {
        using var host = Open();
        var local = new LocalHostSystem();
        var path = Path.Combine(_directory, "run", "lock", "kpatch-script.lock");

        using (var held = host.Lock(path, "pid 1 of alice on admin1", TimeSpan.Zero))
        {
            Assert.NotNull(held);
            Assert.Null(local.Lock(path, "me", TimeSpan.FromMilliseconds(300)));
            Assert.Null(host.Lock(path, "pid 2 of bob on admin2", TimeSpan.FromMilliseconds(300)));
            Assert.Equal("pid 1 of alice on admin1\n", File.ReadAllText(path + ".holder"));
        }

        using var again = local.Lock(path, "me", TimeSpan.FromSeconds(5));
        Assert.NotNull(again);
    }

    [Fact]
    public void A_lock_held_here_makes_the_remote_wait_its_time_and_give_up()
    {
        using var host = Open();
        var path = Path.Combine(_directory, "kpatch-script.lock");
        using var held = new LocalHostSystem().Lock(path, "me", TimeSpan.Zero);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var remote = host.Lock(path, "them", TimeSpan.FromSeconds(1));

        Assert.Null(remote);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void A_change_after_the_lock_was_lost_is_refused_while_reads_and_the_journal_go_on()
    {
        using var host = Open();
        var path = Path.Combine(_directory, "kpatch-script.lock");
        using var held = host.Lock(path, "pid 1 of alice on admin1", TimeSpan.Zero);
        Assert.NotNull(held);
        Assert.Equal(0, host.Run(new CommandSpec(["true"], Mutates: true)).ExitCode);

        // The session that holds the lock ends (as when the network drops): kill the remote process
        // that keeps the lock file open. The remote side is this machine.
        var holder = Holders(path);
        Assert.NotEmpty(holder);
        foreach (var pid in holder)
        {
            System.Diagnostics.Process.GetProcessById(pid).Kill();
        }

        // The local ssh notices within moments; 30 s is a hang guard only.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        HostSystemException? refused = null;
        while (refused is null && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                host.Run(new CommandSpec(["true"], Mutates: true));
                Thread.Sleep(100);
            }
            catch (HostSystemException ex)
            {
                refused = ex;
            }
        }

        Assert.NotNull(refused);
        Assert.Equal($"the host lock {path} on {host.Name} was lost (its ssh session ended): refusing to run true; check the connection and the host, then run again", refused.Message);
        Assert.Throws<HostSystemException>(() => host.WriteFile(Path.Combine(_directory, "state"), "x"));
        Assert.False(File.Exists(Path.Combine(_directory, "state")));
        Assert.Equal(0, host.Run(CommandSpec.Query("true")).ExitCode);
        host.AppendLine(Path.Combine(_directory, "journal.jsonl"), "{}");
        Assert.Equal("{}\n", File.ReadAllText(Path.Combine(_directory, "journal.jsonl")));
    }

    /// <summary>The processes of this machine that hold <paramref name="path"/> open.</summary>
    private static List<int> Holders(string path)
    {
        var pids = new List<int>();
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(process), out var pid))
            {
                continue;
            }

            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd")))
                {
                    if (new FileInfo(fd).LinkTarget == path)
                    {
                        pids.Add(pid);
                        break;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // gone, or not ours to read
            }
        }

        return pids;
    }
}
