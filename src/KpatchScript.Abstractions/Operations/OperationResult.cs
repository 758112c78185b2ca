using KpatchScript.Host;

namespace KpatchScript.Operations;

/// <summary>What a mutating operation did, or would do in a dry run.</summary>
/// <param name="Operation">install, update, remove, downgrade, auto-update on|off, load, unload.</param>
/// <param name="Target">The target it ran on.</param>
/// <param name="Outcome">planned (dry run), succeeded, unchanged (there was nothing to do), failed.</param>
/// <param name="Commands">Every command it ran, or would run, as argument vectors.</param>
/// <param name="Error">One line saying what went wrong and what to do; null unless failed.</param>
/// <param name="Duration">Wall time, lock wait included.</param>
public sealed record OperationResult(
    string Operation,
    string Target,
    OperationOutcome Outcome,
    IReadOnlyList<CommandSpec> Commands,
    string? Error,
    TimeSpan Duration)
{
    /// <summary>
    /// The steps in words, for operations that do more than run commands (load and unload write
    /// sysfs attributes and wait for transitions); empty for package operations.
    /// </summary>
    public IReadOnlyList<string> Plan { get; init; } = [];

    /// <summary>
    /// What the operation found, in one line, when it changed nothing: "already up to date: kpatch-patch-… 1-2.el9_4".
    /// Remove and downgrade set it when planned or done too: what the package change does, and that
    /// the running kernel keeps a loaded live patch until reboot.
    /// </summary>
    public string? Detail { get; init; }

    /// <summary>True when the operation did (or, dry, would do) what was asked, or found it already done.</summary>
    public bool Succeeded => Outcome != OperationOutcome.Failed;
}

/// <summary>How an operation ended.</summary>
public enum OperationOutcome
{
    /// <summary>Dry run: the commands were listed, nothing changed.</summary>
    Planned,

    /// <summary>Every command succeeded.</summary>
    Succeeded,

    /// <summary>There was nothing to do (dnf: "Nothing to do."); <see cref="OperationResult.Detail"/> says what was found. Journaled as a no-op, not as a change.</summary>
    Unchanged,

    /// <summary>It stopped; <see cref="OperationResult.Error"/> says why.</summary>
    Failed,
}
