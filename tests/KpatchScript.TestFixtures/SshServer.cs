using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace KpatchScript.TestFixtures;

/// <summary>
/// A real OpenSSH server on 127.0.0.1 for the ssh target's tests (Debian packages
/// openssh-server and openssh-client): its own host key, one client key authorized for the
/// current user, a known_hosts file that knows it. Stopped and removed on dispose.
/// </summary>
public sealed class SshServer : IDisposable
{
    private readonly Process _sshd;

    /// <summary>A server whose sessions run on this machine as it is.</summary>
    public SshServer()
        : this(ownHost: null)
    {
    }

    /// <summary>
    /// With <paramref name="ownHost"/>: a server whose sessions see a host of their own, another
    /// machine as far as kpatch-script's state goes. sshd runs in a mount namespace of its own
    /// (util-linux unshare, as root) where <c>/run/lock</c> and <c>/var/log</c> are private
    /// directories (<see cref="RemoteRunLock"/>, <see cref="RemoteVarLog"/>) and <c>dnf</c> acts on
    /// the rpm database and repositories of the tree <see cref="OwnHost.DnfRoot"/> (a DnfLab installroot).
    /// </summary>
    public SshServer(OwnHost? ownHost)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("kps-sshd-").FullName;
        Port = LoopbackPort.Free();
        var hostKey = Path.Combine(Directory, "host_ed25519");
        ClientKey = Path.Combine(Directory, "client_ed25519");
        KnownHosts = Path.Combine(Directory, "known_hosts");
        ProcessHelper.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey);
        ProcessHelper.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", ClientKey);
        File.Copy(ClientKey + ".pub", Path.Combine(Directory, "authorized_keys"));
        File.WriteAllText(KnownHosts, $"[127.0.0.1]:{Port} {File.ReadAllText(hostKey + ".pub").Trim()}\n");
        var config = Path.Combine(Directory, "sshd_config");
        File.WriteAllText(config, $"""
            Port {Port}
            ListenAddress 127.0.0.1
            HostKey {hostKey}
            PidFile {Path.Combine(Directory, "sshd.pid")}
            AuthorizedKeysFile {Path.Combine(Directory, "authorized_keys")}
            PermitRootLogin prohibit-password
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes no
            MaxSessions 50
            MaxStartups 50
            # Debian's bash reads ~/.bashrc for a command sent over ssh unless it sees itself nested
            # (SHLVL): the test sessions skip the machine's interactive setup (here root's pyenv init,
            # 0.3 s and a lock per command, which serialized parallel Ansible forks).
            SetEnv SHLVL=1

            """);
        System.IO.Directory.CreateDirectory("/run/sshd"); // privilege separation directory sshd insists on
        string[] sshd = ["/usr/sbin/sshd", "-D", "-e", "-f", config];
        var command = ownHost is null ? sshd : [.. PrepareOwnHost(ownHost.DnfRoot), .. sshd];
        var startInfo = new ProcessStartInfo(command[0]) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }

        try
        {
            _sshd = Process.Start(startInfo)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{command[0]} is required (Debian package {(command[0] == "unshare" ? "util-linux" : "openssh-server")}); run tests/run, which installs it", ex);
        }

        _sshd.ErrorDataReceived += (_, _) => { };
        _sshd.BeginErrorReadLine();
        WaitUntilListening();
    }

    public string Directory { get; }

    /// <summary>What the sessions of a server with a host of its own see as <c>/run/lock</c>, as a path on this machine.</summary>
    public string RemoteRunLock => Path.Combine(Directory, "host", "run-lock");

    /// <summary>What the sessions of a server with a host of its own see as <c>/var/log</c>, as a path on this machine.</summary>
    public string RemoteVarLog => Path.Combine(Directory, "host", "var-log");

    public int Port { get; }

    public string ClientKey { get; }

    public string KnownHosts { get; }

    /// <summary>The target for the current user on this server.</summary>
    public string Target => $"ssh://{Environment.UserName}@127.0.0.1:{Port}";

    public void Dispose()
    {
        if (!_sshd.HasExited)
        {
            _sshd.Kill(entireProcessTree: true);
            _sshd.WaitForExit();
        }

        _sshd.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>The remote host's own state and packages: see <see cref="SshServer(OwnHost)"/>.</summary>
    public sealed record OwnHost(string DnfRoot);

    /// <summary>
    /// The private directories and the dnf wrapper of a host of its own, and the command prefix
    /// that starts sshd among them: a fixed script, the paths as its parameters.
    /// </summary>
    private string[] PrepareOwnHost(string dnfRoot)
    {
        var host = Path.Combine(Directory, "host");
        System.IO.Directory.CreateDirectory(RemoteRunLock);
        System.IO.Directory.CreateDirectory(RemoteVarLog);
        // The sessions see the host directory at /media, so the wrapper is fixed text that reads its root as data.
        File.Copy("/usr/bin/dnf", Path.Combine(host, "dnf-real"));
        File.WriteAllText(Path.Combine(host, "dnf-root"), dnfRoot);
        var wrapper = Path.Combine(host, "dnf");
        File.WriteAllText(wrapper, "#!/bin/sh\n# This host's dnf: its packages are those of the tree named in /media/dnf-root.\nexec /media/dnf-real \"--installroot=$(cat /media/dnf-root)\" \"$@\"\n");
        ProcessHelper.Run("chmod", "0755", wrapper);
        const string script = "mount --bind \"$1\" /media && mount --bind \"$2\" /run/lock && mount --bind \"$3\" /var/log && mount --bind /media/dnf /usr/bin/dnf && shift 3 && exec \"$@\"";
        return ["unshare", "--mount", "--propagation", "private", "--", "sh", "-c", script, "sh", host, RemoteRunLock, RemoteVarLog];
    }

    private void WaitUntilListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_sshd.HasExited)
            {
                Thread.Sleep(50);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException($"sshd did not start listening on 127.0.0.1:{Port} (exited: {_sshd.HasExited})");
            }
        }
    }
}
