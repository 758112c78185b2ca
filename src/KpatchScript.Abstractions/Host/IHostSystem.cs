namespace KpatchScript.Host;

/// <summary>
/// The one seam between KpatchScript and the machine it looks at. Every read of <c>/sys</c>,
/// <c>/proc</c>, <c>/etc</c>, <c>/var/lib</c> and every external command goes through it, so a
/// target can be this machine, a captured tree (sysroot) or a remote host. The host lock and the
/// audit journal go through it too (<see cref="Lock"/>, <see cref="AppendLine"/>): they live on
/// the target, so two admins on two machines meet at the same lock.
/// </summary>
/// <remarks>
/// Synchronous on purpose, like Cake's IFileSystem and IProcessRunner: sysfs and procfs reads
/// never block for long, and async state machines over these calls cost about half of the
/// start-up time of <c>kpatch-script status</c> in JIT work (measured; see tests/benchmarks/README.md).
/// Paths are absolute paths as seen on the target (<c>/proc/sys/kernel/osrelease</c>), never
/// paths of the machine running KpatchScript. Failures surface as the usual
/// <see cref="System.IO.IOException"/> family (<see cref="System.IO.FileNotFoundException"/>,
/// <see cref="System.IO.DirectoryNotFoundException"/>, <see cref="UnauthorizedAccessException"/>)
/// or as <see cref="HostSystemException"/> for what the target itself refuses.
/// </remarks>
public interface IHostSystem
{
    /// <summary>How the target is named on the command line: <c>local</c>, <c>sysroot:/path</c>.</summary>
    string Name { get; }

    /// <summary>True when writes and mutating commands are refused (a captured tree).</summary>
    bool IsReadOnly { get; }

    /// <summary>What is at <paramref name="path"/>: nothing, a file, a directory or something else.</summary>
    EntryKind GetEntryKind(string path);

    /// <summary>Reads a whole text file (sysfs and procfs files included).</summary>
    string ReadFile(string path);

    /// <summary>Lists the entries of a directory, sorted by name (ordinal).</summary>
    IReadOnlyList<DirectoryEntry> ListDirectory(string path);

    /// <summary>Writes a file, e.g. a sysfs attribute. Refused on read-only targets.</summary>
    void WriteFile(string path, string content);

    /// <summary>
    /// Runs a command given as an argument vector; never through a shell. Refused on read-only
    /// targets when <see cref="CommandSpec.Mutates"/> is set.
    /// </summary>
    CommandResult Run(CommandSpec command, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends <paramref name="line"/> (given without its newline) to a file on the target as one
    /// whole line in a single <c>write</c> with <c>O_APPEND</c>, creating the file and its directory,
    /// and flushes it to disk (fsync) before returning. A file whose last line was torn (it does not
    /// end in a newline: a crash cut a write short) gets a newline first, so the new line always
    /// stands on its own. The audit journal is written this way. Refused on read-only targets.
    /// </summary>
    /// <exception cref="HostSystemException">The target cannot write the file; the message says why.</exception>
    void AppendLine(string path, string line);

    /// <summary>
    /// Takes an exclusive advisory lock (<c>flock</c>) on <paramref name="path"/> on the target,
    /// creating the file and its directory, and waits up to <paramref name="wait"/> while another
    /// process holds it. The lock is held until the returned object is disposed; the target's kernel
    /// releases it when this process dies, even on SIGKILL, so none is ever left behind. Once held,
    /// <paramref name="holder"/> (one line saying who holds it) is written to
    /// <c><paramref name="path"/>.holder</c>, for the message of a run that waits in vain.
    /// Refused on read-only targets.
    /// </summary>
    /// <returns>The held lock, or null when another process held it for the whole wait.</returns>
    /// <exception cref="HostSystemException">The lock file cannot be created or opened, or the target cannot be reached.</exception>
    IDisposable? Lock(string path, string holder, TimeSpan wait, CancellationToken cancellationToken = default);
}
