namespace KpatchScript.Host;

/// <summary>
/// The one seam between KpatchScript and the machine it looks at. Every read of <c>/sys</c>,
/// <c>/proc</c>, <c>/etc</c>, <c>/var/lib</c> and every external command goes through it, so a
/// target can be this machine, a captured tree (sysroot) or, later, a remote host.
/// </summary>
/// <remarks>
/// Synchronous on purpose, like Cake's IFileSystem and IProcessRunner: sysfs and procfs reads
/// never block for long, and async state machines over these calls cost about half of the
/// start-up time of <c>kpatch-script status</c> in JIT work (measured; see README, Benchmarks).
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
}
