using System.Net;
using System.Net.Sockets;

namespace KpatchScript.TestFixtures;

/// <summary>Ports for the real servers the tests start on 127.0.0.1 (sshd, cockpit-ws, Prometheus, a webhook receiver).</summary>
public static class LoopbackPort
{
    /// <summary>A TCP port on 127.0.0.1 nobody listens on right now: bound, then released.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
