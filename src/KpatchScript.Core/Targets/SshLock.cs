using System.Diagnostics;
using System.Globalization;
using KpatchScript.Host;

namespace KpatchScript.Targets;

/// <summary>
/// The host lock of an ssh target, held on the target: a remote <c>flock</c> (util-linux) on the
/// lock file, kept by a remote <c>cat</c> that reads the session's stdin, which is a pipe from this
/// process. Disposing closes the pipe; so does this process dying, even on SIGKILL (the kernel
/// closes the pipe, ssh sends EOF, cat ends and the target's kernel drops the lock).
/// </summary>
internal sealed class SshLock : IDisposable
{
    /// <summary>
    /// $1 the lock file, $2 who holds it (one line), $3 the wait in seconds. Exit 4: still held
    /// after the wait. "locked" on stdout: held until stdin ends (cat keeps descriptor 9 open).
    /// </summary>
    public const string Script =
        "case $1 in */*) mkdir -p -- \"${1%/*}\" || exit 3;; esac; " +
        "exec 9>>\"$1\" || exit 3; " +
        "flock -E 4 -w \"$3\" 9 || exit $?; " +
        "printf '%s\\n' \"$2\" > \"$1.holder\" || exit 3; " +
        "echo locked; exec cat > /dev/null";

    /// <summary>Beyond the wait itself: time for ssh to connect and the remote shell to start.</summary>
    private static readonly TimeSpan ConnectAllowance = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private volatile bool _released;

    private SshLock(Process process, string path)
    {
        _process = process;
        Path = path;
    }

    /// <summary>The lock file on the target.</summary>
    public string Path { get; }

    /// <summary>
    /// True when the ssh session that holds the lock ended before it was released (the network
    /// dropped, the remote cat was killed): the target's kernel has dropped the lock, and another
    /// kpatch-script may hold it now.
    /// </summary>
    public bool IsLost => !_released && _process.HasExited;

    /// <summary>Released by <see cref="Dispose"/>.</summary>
    public bool IsReleased => _released;

    public static SshLock? Take(IReadOnlyList<string> sshArguments, string path, string target, TimeSpan wait, CancellationToken cancellationToken)
    {
        var process = ProcessRunner.Start(sshArguments);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var line = process.StandardOutput.ReadLineAsync(CancellationToken.None).AsTask();
        using (cancellationToken.Register(() => ProcessRunner.Kill(process)))
        {
            if (!line.Wait(wait + ConnectAllowance, CancellationToken.None))
            {
                ProcessRunner.Kill(process);
                process.Dispose();
                throw new HostSystemException($"taking the lock {path} on {target} did not finish within {(wait + ConnectAllowance).TotalSeconds:0} s");
            }
        }

        if (line.Result == "locked")
        {
            return new SshLock(process, path);
        }

        process.WaitForExit();
        var (exitCode, error) = (process.ExitCode, stderr.GetAwaiter().GetResult());
        process.Dispose();
        cancellationToken.ThrowIfCancellationRequested();
        var first = new CommandResult(exitCode, "", error).FirstErrorLine;
        return exitCode switch
        {
            4 => null,
            255 => throw new HostSystemException($"ssh to {target} failed: {first}"),
            127 => throw new CommandUnavailableException($"flock is not installed on {target}: the host lock needs util-linux's flock ({first})"),
            _ => throw new HostSystemException($"cannot take the lock {path} on {target}: {first}"),
        };
    }

    /// <summary>The wait as flock's -w takes it: seconds, with a fraction.</summary>
    public static string Seconds(TimeSpan wait) =>
        Math.Max(0, wait.TotalSeconds).ToString("0.###", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // ssh already ended: the lock went with it.
        }

        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            ProcessRunner.Kill(_process);
        }

        _process.Dispose();
    }
}
