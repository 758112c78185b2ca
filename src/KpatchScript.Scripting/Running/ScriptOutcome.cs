namespace KpatchScript.Scripting.Running;

/// <summary>How a script run ended, and the process exit code that says so.</summary>
public sealed record ScriptOutcome(ScriptEnd End, int ExitCode, string? Message)
{
    /// <summary>Exit code of a run stopped at its --timeout (as GNU timeout).</summary>
    public const int TimedOutExitCode = 124;

    /// <summary>Exit code of a run stopped by SIGINT or SIGTERM (128 + SIGINT).</summary>
    public const int InterruptedExitCode = 130;
}

/// <summary>How a run ended.</summary>
public enum ScriptEnd
{
    /// <summary>The script returned; the exit code is its own.</summary>
    Completed,

    /// <summary>An exception escaped the script.</summary>
    Failed,

    /// <summary>Stopped at the deadline.</summary>
    TimedOut,

    /// <summary>Stopped by a signal.</summary>
    Interrupted,
}
