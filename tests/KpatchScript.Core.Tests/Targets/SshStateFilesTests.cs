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
}
