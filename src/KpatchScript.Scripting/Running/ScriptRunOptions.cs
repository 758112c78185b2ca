using KpatchScript.ScriptRuns;
using KpatchScript.Status;

namespace KpatchScript.Scripting.Running;

/// <summary>How a script runs: what <c>Kpatch.Connect()</c> connects to, dry-run, the deadline, where output goes.</summary>
public sealed record ScriptRunOptions
{
    public string Target { get; init; } = "local";

    public bool DryRun { get; init; }

    public KpatchSettings Settings { get; init; } = new();

    /// <summary>Null: no deadline.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Full stack traces of script exceptions.</summary>
    public bool Verbose { get; init; }

    public TextWriter Out { get; init; } = Console.Out;

    /// <summary>What plugins add: assemblies the script resolves to the plugins' loaded copies, and checks for VerifyAsync.</summary>
    public ScriptExtensions Extensions { get; init; } = ScriptExtensions.None;

    /// <summary>What <c>Kpatch.Connect()</c> and <c>Kpatch.Cancellation</c> see while the script runs (a run, a REPL session).</summary>
    internal ScriptContext ContextFor(CancellationToken cancellation) => new()
    {
        Target = Target,
        DryRun = DryRun,
        Settings = Settings,
        Cancellation = cancellation,
        Out = Out,
        VerificationChecks = Extensions.VerificationChecks,
    };
}
