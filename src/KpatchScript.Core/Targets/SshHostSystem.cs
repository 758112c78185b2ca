using System.Text;
using KpatchScript.Host;
using KpatchScript.IO;

namespace KpatchScript.Targets;

/// <summary>
/// A remote host reached with the OpenSSH client (key authentication, BatchMode: never a
/// password prompt). ssh hands the remote side one command line for its shell, so every
/// argument vector is quoted here, argument by argument, in single quotes; paths travel as
/// positional parameters of fixed <c>sh -c</c> scripts, never spliced into them. One master
/// connection is shared by all calls (ControlMaster), so a call costs a round trip, not a handshake.
/// </summary>
public sealed class SshHostSystem : IHostSystem, ISnapshotSource, IDisposable
{
    private readonly SshTarget _target;
    private readonly string _controlDirectory;
    private readonly List<SshLock> _locks = [];

    public SshHostSystem(SshTarget target)
    {
        _target = target;
        _controlDirectory = SshControlDirectory.Create();
    }

    public string Name => _target.ToString();

    public bool IsReadOnly => false;

    public EntryKind GetEntryKind(string path)
    {
        var output = Remote(["sh", "-c", "if [ -d \"$1\" ]; then echo d; elif [ -f \"$1\" ]; then echo f; elif [ -e \"$1\" ] || [ -L \"$1\" ]; then echo o; else echo m; fi", "sh", path], path).Trim();
        return output switch
        {
            "d" => EntryKind.Directory,
            "f" => EntryKind.File,
            "o" => EntryKind.Other,
            _ => EntryKind.Missing,
        };
    }

    /// <summary>
    /// A regular file only (a FIFO would block the remote side, a device never end), and at most one
    /// byte past the limit: <c>head -c</c> stops the remote side, the local cap stops ours.
    /// </summary>
    public string ReadFile(string path)
    {
        const string script = "if [ -e \"$1\" ] && [ ! -f \"$1\" ] && [ ! -d \"$1\" ]; then echo 'not a regular file' >&2; exit 1; fi; exec head -c \"$2\" -- \"$1\"";
        try
        {
            return Remote(["sh", "-c", script, "sh", path, (ReadLimits.TargetFile + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)], path, ReadLimits.TargetFile);
        }
        catch (OutputTooLargeException)
        {
            throw new FileTooLargeException($"{path} on {Name} holds more than {ReadLimits.Describe(ReadLimits.TargetFile)}, the most kpatch-script reads from such a file: check that it is the right file");
        }
    }

    public IReadOnlyList<DirectoryEntry> ListDirectory(string path)
    {
        const string script = "cd -- \"$1\" || exit 1; for f in * .[!.]* ..?*; do [ -e \"$f\" ] || [ -L \"$f\" ] || continue; " +
                              "if [ -d \"$f\" ]; then printf 'd/%s\\0' \"$f\"; elif [ -f \"$f\" ]; then printf 'f/%s\\0' \"$f\"; else printf 'o/%s\\0' \"$f\"; fi; done";
        var output = Remote(["sh", "-c", script, "sh", path], path);
        return output.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => new DirectoryEntry(e[2..], e[0] switch { 'd' => EntryKind.Directory, 'f' => EntryKind.File, _ => EntryKind.Other }))
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
    }

    public void WriteFile(string path, string content)
    {
        EnsureLocksHeld($"write {path}");
        Remote(["sh", "-c", "printf '%s' \"$2\" > \"$1\"", "sh", path, content], path);
    }

    public CommandResult Run(CommandSpec command, CancellationToken cancellationToken = default)
    {
        if (command.Mutates)
        {
            EnsureLocksHeld($"run {command}");
        }

        var result = ProcessRunner.Run(SshArguments(command.Arguments), command.Timeout, cancellationToken, command.Progress);
        if (result.ExitCode == 255)
        {
            throw SshFailed(result);
        }

        // The remote shell reports a missing program as 127.
        return result.ExitCode == 127 && result.StandardError.Contains("not found", StringComparison.Ordinal)
            ? throw new CommandUnavailableException($"{command.Program} is not installed on {Name}")
            : result;
    }

    /// <summary>
    /// $1 the file, $2 the line with its newline, $3 a block size that holds it and one more byte.
    /// dd reads the whole line (fullblock) and writes it with O_APPEND in one write, then fsyncs; a
    /// torn last line (the file does not end in a newline) gets one in that same write.
    /// </summary>
    private const string AppendScript =
        "case $1 in */*) mkdir -p -- \"${1%/*}\" || exit 1;; esac; " +
        "{ if [ -s \"$1\" ] && [ -n \"$(tail -c 1 -- \"$1\")\" ]; then printf '\\n'; fi; printf '%s' \"$2\"; } | " +
        "dd of=\"$1\" bs=\"$3\" count=1 iflag=fullblock oflag=append conv=notrunc,fsync status=none";

    public void AppendLine(string path, string line)
    {
        var text = line + "\n";
        var block = (Encoding.UTF8.GetByteCount(text) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var result = ProcessRunner.Run(SshArguments(["sh", "-c", AppendScript, "sh", path, text, block]), TimeSpan.FromMinutes(2), CancellationToken.None);
        if (result.ExitCode != 0)
        {
            throw result.ExitCode == 255 ? SshFailed(result) : new HostSystemException($"cannot append to {path} on {Name}: {result.FirstErrorLine}");
        }
    }

    public IDisposable? Lock(string path, string holder, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var taken = SshLock.Take(SshArguments(["sh", "-c", SshLock.Script, "sh", path, holder, SshLock.Seconds(wait)]), path, Name, wait, cancellationToken);
        if (taken is not null)
        {
            lock (_locks)
            {
                _locks.Add(taken);
            }
        }

        return taken;
    }

    /// <summary>
    /// A change runs only while every lock this target took is still held. The lock lives in an ssh
    /// session: when that session ends (the network dropped), the target's kernel drops the lock and
    /// another kpatch-script may take it, so the next change is refused instead of made unguarded.
    /// Journal lines are still appended (one atomic write each): the failure is recorded.
    /// </summary>
    private void EnsureLocksHeld(string what)
    {
        lock (_locks)
        {
            _locks.RemoveAll(l => l.IsReleased);
            foreach (var held in _locks)
            {
                if (held.IsLost)
                {
                    throw new HostSystemException($"the host lock {held.Path} on {Name} was lost (its ssh session ended): refusing to {what}; check the connection and the host, then run again");
                }
            }
        }
    }

    /// <summary>Everything under <paramref name="roots"/> in one round trip (one remote script), instead of one per file.</summary>
    IHostSystem ISnapshotSource.Snapshot(IReadOnlyList<SnapshotRoot> roots, CancellationToken cancellationToken)
    {
        var result = ProcessRunner.Run(SshArguments(["sh", "-c", SnapshotScript.Text, "sh", .. SnapshotScript.Arguments(roots)]), TimeSpan.FromMinutes(2), cancellationToken);
        if (result.ExitCode != 0)
        {
            throw result.ExitCode == 255 ? SshFailed(result) : new HostSystemException($"the snapshot script failed on {Name}: {result.FirstErrorLine}");
        }

        return HostSnapshot.Parse(this, result.StandardOutput);
    }

    public void Dispose()
    {
        try
        {
            ProcessRunner.Run([.. BaseArguments(), "-O", "exit", $"{_target.User}@{_target.Host}"], TimeSpan.FromSeconds(5), CancellationToken.None);
        }
        catch (HostSystemException)
        {
            // No master connection was ever opened.
        }

        Directory.Delete(_controlDirectory, recursive: true);
    }

    /// <summary>Exit 255 is ssh's own: the connection, the key or the host key failed, not the remote command.</summary>
    private HostSystemException SshFailed(CommandResult result) => new($"ssh to {Name} failed: {result.FirstErrorLine}");

    private string Remote(IReadOnlyList<string> arguments, string path, long outputLimit = ReadLimits.CommandOutput)
    {
        var result = ProcessRunner.Run(SshArguments(arguments), TimeSpan.FromMinutes(2), CancellationToken.None, outputLimit: outputLimit);
        if (result.ExitCode == 0)
        {
            return result.StandardOutput;
        }

        if (result.ExitCode == 255)
        {
            throw SshFailed(result);
        }

        throw SshErrors.ForRead(result.FirstErrorLine, path, Name);
    }

    private List<string> SshArguments(IReadOnlyList<string> command)
    {
        var remote = new StringBuilder("env LC_ALL=C");
        foreach (var argument in command)
        {
            remote.Append(' ').Append(ShellWords.Quote(argument));
        }

        return [.. BaseArguments(), "--", $"{_target.User}@{_target.Host}", remote.ToString()];
    }

    private List<string> BaseArguments()
    {
        var arguments = new List<string>
        {
            "ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10",
            "-o", "ControlMaster=auto", "-o", $"ControlPath={_controlDirectory}/master", "-o", "ControlPersist=10",
            "-o", $"StrictHostKeyChecking={_target.StrictHostKeyChecking}", "-p", _target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (_target.KnownHostsFile is { } knownHosts)
        {
            arguments.AddRange(["-o", $"UserKnownHostsFile={knownHosts}"]);
        }

        if (_target.IdentityFile is { } identity)
        {
            arguments.AddRange(["-o", "IdentitiesOnly=yes", "-i", identity]);
        }

        return arguments;
    }
}
