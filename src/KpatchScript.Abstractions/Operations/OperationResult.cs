using KpatchScript.Host;

namespace KpatchScript.Operations;

/// <summary>What a mutating operation did, or would do in a dry run.</summary>
/// <param name="Operation">install, update, auto-update on|off, load, unload.</param>
/// <param name="Target">The target it ran on.</param>
/// <param name="Outcome">planned (dry run), succeeded, failed.</param>
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

    /// <summary>True when the operation did (or, dry, would do) what was asked.</summary>
    public bool Succeeded => Outcome != OperationOutcome.Failed;
}

/// <summary>How an operation ended.</summary>
public enum OperationOutcome
{
    /// <summary>Dry run: the commands were listed, nothing changed.</summary>
    Planned,

    /// <summary>Every command succeeded.</summary>
    Succeeded,

    /// <summary>It stopped; <see cref="OperationResult.Error"/> says why.</summary>
    Failed,
}
