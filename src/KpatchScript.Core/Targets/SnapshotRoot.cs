using KpatchScript.Host;

namespace KpatchScript.Targets;

/// <summary>
/// One part of a host snapshot: a path or shell glob, how many directory levels below it to
/// list, and whether file contents come along.
/// </summary>
internal sealed record SnapshotRoot(string Pattern, int Depth, SnapshotContent Content)
{
    public static SnapshotRoot Text(string pattern, int depth = 0) => new(pattern, depth, SnapshotContent.Text);

    public static SnapshotRoot Names(string pattern, int depth = 0) => new(pattern, depth, SnapshotContent.None);

    public static SnapshotRoot FirstLine(string pattern) => new(pattern, 0, SnapshotContent.FirstLine);
}

/// <summary>What a snapshot keeps of a file.</summary>
internal enum SnapshotContent
{
    /// <summary>Only that it is there; reading it goes to the host.</summary>
    None,

    /// <summary>The whole file (text without NUL bytes: sysfs and procfs attributes, small config files).</summary>
    Text,

    /// <summary>The first line, read with the shell's <c>read</c> (no process per file: for thousands of per-task files).</summary>
    FirstLine,
}

/// <summary>A target that can answer many reads in one round trip (ssh).</summary>
internal interface ISnapshotSource
{
    /// <summary>Reads everything under <paramref name="roots"/> at once; paths outside them still go to the target.</summary>
    IHostSystem Snapshot(IReadOnlyList<SnapshotRoot> roots, CancellationToken cancellationToken);
}
