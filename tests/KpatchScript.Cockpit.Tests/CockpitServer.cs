using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KpatchScript.Cockpit.Tests;

/// <summary>
/// Debian's cockpit-ws on 127.0.0.1 with --no-tls --local-session=cockpit-bridge: no login, the
/// bridge runs as the user cockpit-ws runs as (root: an admin session; another user: read only).
/// Its environment is exactly what the test gives (PATH with the test's kpatch-script,
/// XDG_DATA_HOME with the package, KPATCH_SCRIPT_CONFIG), plus a marker: the bridge's
/// dbus-daemon and ssh-agent outlive it, and the marker finds them, by pid, to stop them.
/// A --local-session cockpit-ws serves one browser session: each test starts its own.
/// </summary>
internal sealed class CockpitServer : IDisposable
{
    public const string WebService = "/usr/lib/cockpit/cockpit-ws";

    private const string MarkerVariable = "KPS_COCKPIT_TEST_INSTANCE";

    private readonly Process _process;
    private readonly string _marker = Guid.NewGuid().ToString("N");
    private readonly StringBuilder _log = new();

    private CockpitServer(string? user, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        Port = KpatchScript.TestFixtures.LoopbackPort.Free();
        var variables = new Dictionary<string, string>(environment) { [MarkerVariable] = _marker, ["LANG"] = "C.UTF-8" };
        var wsArguments = new[] { WebService, "--no-tls", "--address", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--local-session=cockpit-bridge" };
        ProcessStartInfo startInfo;
        if (user is null)
        {
            startInfo = new ProcessStartInfo(wsArguments[0]);
            startInfo.Environment.Clear();
            foreach (var (name, value) in variables)
            {
                startInfo.Environment[name] = value;
            }

            foreach (var argument in wsArguments.Skip(1))
            {
                startInfo.ArgumentList.Add(argument);
            }
        }
        else
        {
            // runuser sets HOME and friends for the user; env -i then sets exactly the test's variables.
            startInfo = new ProcessStartInfo("/usr/sbin/runuser");
            foreach (var argument in new[] { "-u", user, "--", "/usr/bin/env", "-i" }.Concat(variables.Select(v => $"{v.Key}={v.Value}")).Concat(wsArguments))
            {
                startInfo.ArgumentList.Add(argument);
            }
        }

        // The bridge, and so every process the page starts, inherits it (a normal login has the home directory).
        startInfo.WorkingDirectory = workingDirectory;
        startInfo.UseShellExecute = false;
        startInfo.RedirectStandardError = true;
        startInfo.RedirectStandardOutput = true;
        _process = Process.Start(startInfo)!;
        _process.ErrorDataReceived += (_, e) => Log(e.Data);
        _process.OutputDataReceived += (_, e) => Log(e.Data);
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        WaitUntilListening();
    }

    public int Port { get; }

    /// <summary>What cockpit-ws and the bridge logged so far (shown when a test fails).</summary>
    public string LogText
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts cockpit-ws as root (<paramref name="user"/> null: an admin session) or as <paramref name="user"/> (read only), in <paramref name="workingDirectory"/>.</summary>
    public static CockpitServer Start(string? user, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        Prerequisites.RequireCockpit();
        return new CockpitServer(user, workingDirectory, environment);
    }

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public void Dispose()
    {
        // cockpit-ws, the bridge and what the bridge started, found by the marker in their environment (root reads every /proc/PID/environ).
        var pids = MarkedProcesses();
        if (!_process.HasExited)
        {
            pids.Add(_process.Id);
        }

        foreach (var pid in pids)
        {
            Signal(pid, kill: false);
        }

        if (!_process.WaitForExit(5000))
        {
            _process.Kill(entireProcessTree: true);
        }

        foreach (var pid in MarkedProcesses())
        {
            Signal(pid, kill: true);
        }

        _process.WaitForExit();
        _process.Dispose();
    }

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private HashSet<int> MarkedProcesses()
    {
        var marker = Encoding.ASCII.GetBytes($"{MarkerVariable}={_marker}\0");
        var found = new HashSet<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (File.ReadAllBytes(Path.Combine(directory, "environ")).AsSpan().IndexOf(marker) >= 0)
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // gone, or not ours to read
            }
        }

        return found;
    }

    /// <summary>SIGTERM first (the bridge then tells its children), SIGKILL for what is left: by pid, with the kill program.</summary>
    private static void Signal(int pid, bool kill) =>
        KpatchScript.TestFixtures.ProcessHelper.Execute("kill", kill ? "-KILL" : "-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private void WaitUntilListening()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (clock.Elapsed < TimeSpan.FromSeconds(15) && !_process.HasExited)
            {
                Thread.Sleep(50);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException($"cockpit-ws did not listen on 127.0.0.1:{Port} within 15 s (exited: {_process.HasExited}): {LogText}");
            }
        }
    }
}
