namespace KpatchScript.Operations;

/// <summary>
/// One operation as the audit journal tells it: its <c>started</c> record merged with its end
/// record. An operation whose end record is missing is <see cref="JournalOutcome.Unfinished"/>:
/// still running, or killed.
/// </summary>
/// <param name="Id">The operation id shared by its records.</param>
/// <param name="Started">When it started (the <c>started</c> record), or its end record's time when that is all there is.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Operation">install, update, auto-update on|off, load, unload.</param>
/// <param name="Target">The target it ran on.</param>
/// <param name="InstallRoot">dnf <c>--installroot</c>, when one was given.</param>
/// <param name="KernelRelease">The kernel release it acted for, when one applies.</param>
/// <param name="User">Who ran it (and <paramref name="SudoUser"/> behind sudo).</param>
/// <param name="SudoUser">$SUDO_USER when run through sudo.</param>
/// <param name="Pid">The kpatch-script process.</param>
/// <param name="Commands">The commands it ran, as argument vectors.</param>
/// <param name="Error">One line saying what went wrong; null unless it failed.</param>
/// <param name="Duration">Wall time, when it ended.</param>
public sealed record JournalEntry(
    string Id,
    DateTimeOffset Started,
    JournalOutcome Outcome,
    string Operation,
    string Target,
    string? InstallRoot,
    string? KernelRelease,
    string User,
    string? SudoUser,
    int Pid,
    IReadOnlyList<IReadOnlyList<string>> Commands,
    string? Error,
    TimeSpan? Duration)
{
    /// <summary>What an operation that changed nothing found (<see cref="JournalOutcome.Unchanged"/>); null otherwise.</summary>
    public string? Detail { get; init; }
}

/// <summary>How a journaled operation ended.</summary>
public enum JournalOutcome
{
    /// <summary>Every step succeeded.</summary>
    Succeeded,

    /// <summary>There was nothing to do: a no-op, not a change (<see cref="JournalEntry.Detail"/> says why).</summary>
    Unchanged,

    /// <summary>It stopped with an error.</summary>
    Failed,

    /// <summary>SIGINT or SIGTERM stopped it after the running command finished.</summary>
    Interrupted,

    /// <summary>A <c>started</c> record with no end record: still running, or killed.</summary>
    Unfinished,
}

/// <summary>
/// The audit journal as read: operations newest first, and the lines that could not be read
/// (by line number, with the reason), which are reported rather than dropped silently.
/// </summary>
/// <param name="Path">The journal file.</param>
/// <param name="Entries">Operations, newest first, at most the limit asked for.</param>
/// <param name="Total">How many operations the journal holds.</param>
/// <param name="UnreadableLines">Lines that are not journal records: "line 7: not JSON (...)".</param>
public sealed record Journal(string Path, IReadOnlyList<JournalEntry> Entries, int Total, IReadOnlyList<string> UnreadableLines);
