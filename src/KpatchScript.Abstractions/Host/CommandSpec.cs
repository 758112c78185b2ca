namespace KpatchScript.Host;

/// <summary>A command to run on a target: an argument vector, never a shell string.</summary>
/// <param name="Arguments">The program (first element) and its arguments, passed as they are.</param>
/// <param name="Mutates">True when the command changes the host (install, insmod, write).</param>
public sealed record CommandSpec(IReadOnlyList<string> Arguments, bool Mutates = false)
{
    /// <summary>How long the command may run before it is stopped.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Receives each line of standard output while the command runs (progress display); null for none.</summary>
    public IProgress<string>? Progress { get; init; }

    /// <summary>The program: the first element of <see cref="Arguments"/>.</summary>
    public string Program => Arguments.Count > 0 ? Arguments[0] : throw new InvalidOperationException("A command needs a program.");

    /// <summary>Builds a read-only command from its arguments.</summary>
    public static CommandSpec Query(params string[] arguments) => new(arguments);

    /// <summary>The command for messages and the audit trail; quoting is for people, not shells.</summary>
    public override string ToString() =>
        string.Join(' ', Arguments.Select(ShellWords.QuoteIfNeeded));
}
