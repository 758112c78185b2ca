using System.Diagnostics;
using System.Globalization;
using System.Text;
using KpatchScript.Host;

namespace KpatchScript.TestFixtures;

/// <summary>
/// One booted livepatch lab guest: the Debian kernel in qemu (TCG) with the shared
/// <see cref="KernelLabBuild"/>'s initramfs, reached as root over ssh on a forwarded port of
/// 127.0.0.1. qemu is a child process of the test, so dispose can always kill it. A boot that
/// fails kills qemu and throws with the tail of the serial console.
/// </summary>
public sealed class KernelLab : IDisposable
{
    // A boot takes about 10 s of TCG; several guests boot at once in a test run (the lab tests, two
    // for the Ansible lab test) on a machine that may be busy: a wide margin, as real-time waits get.
    private static readonly TimeSpan BootTimeout = TimeSpan.FromSeconds(180);

    private readonly Process _qemu;
    private readonly StringBuilder _qemuOutput = new();
    private readonly string _directory;

    public KernelLab()
        : this(KernelLabBuild.Shared)
    {
    }

    public KernelLab(KernelLabBuild build)
    {
        Build = build;
        _directory = Directory.CreateTempSubdirectory("kps-kernellab-boot-").FullName;
        Port = LoopbackPort.Free();
        SerialLogFile = Path.Combine(_directory, "serial.log");
        KnownHostsFile = Path.Combine(_directory, "known_hosts");
        File.WriteAllText(KnownHostsFile, $"[127.0.0.1]:{Port} {build.HostPublicKey}\n");

        var clock = Stopwatch.StartNew();
        _qemu = StartQemu();
        try
        {
            WaitUntilReady();
        }
        catch
        {
            StopQemu();
            Directory.Delete(_directory, recursive: true);
            throw;
        }

        BootTime = clock.Elapsed;
    }

    public KernelLabBuild Build { get; }

    public string KernelRelease => Build.KernelRelease;

    public int Port { get; }

    public const string User = "root";

    public string IdentityFile => Build.IdentityFile;

    public string KnownHostsFile { get; }

    /// <summary>The guest as a KpatchScript target.</summary>
    public string TargetUri => $"ssh://{User}@127.0.0.1:{Port}";

    /// <summary>From qemu's start until ssh answered.</summary>
    public TimeSpan BootTime { get; }

    public string SerialLogFile { get; }

    /// <summary>The serial console so far.</summary>
    public string SerialLog => ReadShared(SerialLogFile);

    /// <summary>
    /// ssh's options for this guest (key, known_hosts, port, a shared master connection), to put
    /// before "root@127.0.0.1" in an ssh command line of your own.
    /// </summary>
    public IReadOnlyList<string> SshOptions =>
    [
        "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-i", IdentityFile,
        "-o", $"UserKnownHostsFile={KnownHostsFile}", "-o", "StrictHostKeyChecking=yes",
        "-o", "ConnectTimeout=10", "-o", "ServerAliveInterval=5", "-o", "ServerAliveCountMax=3",
        "-o", "ControlMaster=auto", "-o", $"ControlPath={Path.Combine(_directory, "master")}", "-o", "ControlPersist=yes",
        "-p", Port.ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>The guest path of a lab module (see <see cref="LabModules"/>): /lab/&lt;stem&gt;.ko.</summary>
    public static string ModulePath(string stem) => $"/lab/{stem}.ko";

    /// <summary>Runs an argument vector in the guest as root; each argument reaches it unchanged (single-quoted for the remote shell).</summary>
    public CommandResult Guest(params string[] arguments) =>
        ProcessHelper.Execute(["ssh", "-n", .. SshOptions, $"{User}@127.0.0.1", "--", string.Join(' ', arguments.Select(ShellWords.Quote))]);

    /// <summary>Runs in the guest and returns stdout; a non-zero exit throws with the command's own words.</summary>
    public string GuestRun(params string[] arguments)
    {
        var result = Guest(arguments);
        return result.Succeeded
            ? result.StandardOutput
            : throw new InvalidOperationException($"guest: {string.Join(' ', arguments)} exited {result.ExitCode}: {result.StandardError}{result.StandardOutput}");
    }

    public void Dispose()
    {
        // Closes the master connection (if one was opened) before its peer disappears.
        ProcessHelper.Execute(["ssh", .. SshOptions, "-O", "exit", $"{User}@127.0.0.1"]);
        StopQemu();
        Directory.Delete(_directory, recursive: true);
    }

    private static string ReadShared(string path)
    {
        if (!File.Exists(path))
        {
            return "";
        }

        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        return reader.ReadToEnd();
    }

    private Process StartQemu()
    {
        var startInfo = new ProcessStartInfo("qemu-system-x86_64")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "-accel", "tcg", "-cpu", "max", "-m", "512", "-smp", "1", "-no-reboot",
                     "-kernel", Build.KernelImage, "-initrd", Build.Initramfs, "-append", "console=ttyS0 quiet panic=-1",
                     "-netdev", $"user,id=n0,hostfwd=tcp:127.0.0.1:{Port}-:22", "-device", "virtio-net-pci,netdev=n0",
                     "-serial", $"file:{SerialLogFile}", "-monitor", "none", "-display", "none",
                 })
        {
            startInfo.ArgumentList.Add(argument);
        }

        Process qemu;
        try
        {
            qemu = Process.Start(startInfo)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("the livepatch lab needs qemu-system-x86_64 (qemu-system-x86): run tests/run, which installs it", ex);
        }

        qemu.StandardInput.Close();
        qemu.OutputDataReceived += (_, e) => Collect(e.Data);
        qemu.ErrorDataReceived += (_, e) => Collect(e.Data);
        qemu.BeginOutputReadLine();
        qemu.BeginErrorReadLine();
        return qemu;
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            lock (_qemuOutput)
            {
                _qemuOutput.AppendLine(line);
            }
        }
    }

    // LAB-READY before the first ssh: qemu's user network accepts the forwarded port before
    // dropbear listens, and an early ssh would hang until its ConnectTimeout.
    private void WaitUntilReady()
    {
        var deadline = DateTime.UtcNow + BootTimeout;
        while (!SerialLog.Contains("LAB-READY", StringComparison.Ordinal))
        {
            if (_qemu.HasExited)
            {
                throw BootFailure($"qemu exited with code {_qemu.ExitCode} before LAB-READY");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw BootFailure($"no LAB-READY on the serial console within {BootTimeout.TotalSeconds:0} s");
            }

            Thread.Sleep(100);
        }

        var result = Guest("true");
        if (!result.Succeeded)
        {
            throw BootFailure($"the guest said LAB-READY but ssh failed (exit {result.ExitCode}: {result.FirstErrorLine})");
        }
    }

    private InvalidOperationException BootFailure(string what)
    {
        var tail = string.Join('\n', SerialLog.Split('\n').TakeLast(40));
        string qemuOutput;
        lock (_qemuOutput)
        {
            qemuOutput = _qemuOutput.ToString();
        }

        return new InvalidOperationException(
            $"livepatch lab boot of {Build.KernelImage}: {what}.\nqemu said: {qemuOutput}\nSerial console (last 40 lines):\n{tail}");
    }

    private void StopQemu()
    {
        if (!_qemu.HasExited)
        {
            _qemu.Kill(entireProcessTree: true);
        }

        _qemu.WaitForExit();
        _qemu.Dispose();
    }
}
