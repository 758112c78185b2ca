namespace KpatchScript.Host;

/// <summary>What a finished command left behind.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="StandardOutput">Everything written to stdout.</param>
/// <param name="StandardError">Everything written to stderr.</param>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>True when the exit code is zero.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>The first non-empty line of stderr (or stdout), for one-line error messages.</summary>
    public string FirstErrorLine =>
        (StandardError + "\n" + StandardOutput).Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? $"exit code {ExitCode}";
}
