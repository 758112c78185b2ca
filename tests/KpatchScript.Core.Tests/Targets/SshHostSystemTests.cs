using KpatchScript.Host;
using KpatchScript.Status;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Core.Tests.Targets;

/// <summary>The ssh target against a real sshd on 127.0.0.1 (this machine is the "remote" host).</summary>
public sealed class SshHostSystemTests : IClassFixture<SshHostSystemTests.Server>
{
    private readonly Server _server;

    public SshHostSystemTests(Server server) => _server = server;

    public sealed class Server : IDisposable
    {
        public SshServer Sshd { get; } = new();

        public void Dispose() => Sshd.Dispose();
    }

    private SshHostSystem Open(string checking = "yes") =>
        (SshHostSystem)HostSystems.Open(_server.Sshd.Target, new KpatchSettings
        {
            SshIdentityFile = _server.Sshd.ClientKey,
            SshKnownHostsFile = _server.Sshd.KnownHosts,
            SshStrictHostKeyChecking = checking,
        });

    [Fact]
    public void Runs_argument_vectors_unchanged_through_the_remote_shell()
    {
        using var host = Open();
        string[] tricky = ["a b", "$(id)", "it's", "\"q\"", "; rm -rf /tmp/x", "back\\slash", "*", ""];

        var result = host.Run(CommandSpec.Query(["printf", "[%s]", .. tricky]));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Concat(tricky.Select(t => $"[{t}]")), result.StandardOutput);
    }

    [Fact]
    public void Reads_lists_and_classifies_like_the_local_target()
    {
        using var host = Open();
        var local = new LocalHostSystem();

        Assert.Equal(local.ReadFile("/proc/sys/kernel/osrelease"), host.ReadFile("/proc/sys/kernel/osrelease"));
        Assert.Equal(EntryKind.Directory, host.GetEntryKind("/proc/sys/kernel"));
        Assert.Equal(EntryKind.File, host.GetEntryKind("/etc/os-release"));
        Assert.Equal(EntryKind.Missing, host.GetEntryKind("/nonexistent/kps"));
        Assert.Equal(local.ListDirectory("/etc/apt").Select(e => (e.Name, e.Kind)), host.ListDirectory("/etc/apt").Select(e => (e.Name, e.Kind)));
        Assert.Throws<FileNotFoundException>(() => host.ReadFile("/nonexistent/kps"));
    }

    [Fact]
    public void Refuses_a_remote_fifo_or_device_at_once_and_caps_a_huge_file()
    {
        using var host = Open();
        var directory = Directory.CreateTempSubdirectory("kps-ssh-bounded-").FullName;
        try
        {
            SpecialFiles.MakeFifo(Path.Combine(directory, "fifo"));
            SpecialFiles.MakeSparse(Path.Combine(directory, "huge"), IO.ReadLimits.TargetFile + 1);
            var limit = TimeSpan.FromSeconds(60);

            var fifo = Deadline.Within(limit, () => Assert.Throws<IO.NotRegularFileException>(() => host.ReadFile(directory + "/fifo")));
            var device = Deadline.Within(limit, () => Assert.Throws<IO.NotRegularFileException>(() => host.ReadFile("/dev/zero")));
            var huge = Deadline.Within(limit, () => Assert.Throws<IO.FileTooLargeException>(() => host.ReadFile(directory + "/huge")));

            Assert.Equal($"{directory}/fifo on {host.Name} is not a regular file (a FIFO, a device or a socket): name a regular file instead", fifo.Message);
            Assert.Equal($"/dev/zero on {host.Name} is not a regular file (a FIFO, a device or a socket): name a regular file instead", device.Message);
            Assert.Equal($"{directory}/huge on {host.Name} holds more than 32 MiB, the most kpatch-script reads from such a file: check that it is the right file", huge.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Writes_files_with_any_content()
    {
        using var host = Open();
        var path = Path.Combine(_server.Sshd.Directory, "written it's.txt");

        host.WriteFile(path, "line 1\n$HOME 'q'\n");

        Assert.Equal("line 1\n$HOME 'q'\n", File.ReadAllText(path));
    }

    [Fact]
    public async Task Status_over_ssh_reports_what_the_local_target_reports()
    {
        using var host = Open();

        var remote = await new KpatchFacade(host, FixedTimeProvider.Default).DetectAsync();
        var local = await new KpatchFacade(new LocalHostSystem(), FixedTimeProvider.Default).DetectAsync();

        Assert.Equal(_server.Sshd.Target.Replace($"{Environment.UserName}@", $"{Environment.UserName}@", StringComparison.Ordinal), remote.Target);
        Assert.Equal(local.Kernel.Running.Value, remote.Kernel.Running.Value);
        Assert.Equal(local.Host.Os.Value, remote.Host.Os.Value);
        Assert.Equal(local.Livepatch.Support.Value, remote.Livepatch.Support.Value);
        Assert.Equal(local.Livepatch.Tainted.Value, remote.Livepatch.Tainted.Value);
        Assert.Equal(local.Kpatch.Cli.Value!.Installed, remote.Kpatch.Cli.Value!.Installed);
    }

    [Fact]
    public void A_host_key_that_does_not_match_fails_with_one_clear_line()
    {
        var stranger = Path.Combine(_server.Sshd.Directory, "stranger_known_hosts");
        File.WriteAllText(stranger, $"[127.0.0.1]:{_server.Sshd.Port} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n");
        using var host = (SshHostSystem)HostSystems.Open(_server.Sshd.Target, new KpatchSettings { SshIdentityFile = _server.Sshd.ClientKey, SshKnownHostsFile = stranger });

        var ex = Assert.Throws<HostSystemException>(() => host.ReadFile("/etc/hostname"));

        Assert.StartsWith($"ssh to ssh://{Environment.UserName}@127.0.0.1:{_server.Sshd.Port} failed: ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData("ssh://host", "'ssh://host' is not an ssh target: expected ssh://user@host or ssh://user@host:port")]
    [InlineData("ssh://root@-oProxyCommand=x", "'ssh://root@-oProxyCommand=x' is not an ssh target: expected ssh://user@host or ssh://user@host:port")]
    [InlineData("ssh://root@host:99999", "'ssh://root@host:99999' has no valid port after ':' (1-65535)")]
    public void Rejects_malformed_targets(string target, string expected)
    {
        Assert.Equal(expected, Assert.Throws<HostSystemException>(() => SshTarget.Parse(target)).Message);
    }
}
