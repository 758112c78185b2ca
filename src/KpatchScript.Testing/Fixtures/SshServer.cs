using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace KpatchScript.Testing.Fixtures;

/// <summary>
/// A real OpenSSH server on 127.0.0.1 for the ssh target's tests (Debian packages
/// openssh-server and openssh-client): its own host key, one client key authorized for the
/// current user, a known_hosts file that knows it. Stopped and removed on dispose.
/// </summary>
public sealed class SshServer : IDisposable
{
    private readonly Process _sshd;

    public SshServer()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("kps-sshd-").FullName;
        Port = FreePort();
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

            """);
        System.IO.Directory.CreateDirectory("/run/sshd"); // privilege separation directory sshd insists on
        var startInfo = new ProcessStartInfo("/usr/sbin/sshd") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-D", "-e", "-f", config })
        {
            startInfo.ArgumentList.Add(argument);
        }

        try
        {
            _sshd = Process.Start(startInfo)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("/usr/sbin/sshd is required (Debian package openssh-server); run tests/run, which installs it", ex);
        }

        _sshd.ErrorDataReceived += (_, _) => { };
        _sshd.BeginErrorReadLine();
        WaitUntilListening();
    }

    public string Directory { get; }

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

    /// <summary>A TCP port on 127.0.0.1 nobody listens on right now.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
