namespace KpatchScript.PluginHosting.Processes;

/// <summary>
/// How a plugin process ended without answering: its exit code (128 + the signal when a signal
/// ended it, as .NET reports it) and the runtime's own first line about it, when it printed one
/// (<c>Stack overflow.</c>, <c>Unhandled exception. ...</c>, <c>Process terminated. ...</c>); or
/// the line it wrote that is no answer (plugin code writing to the protocol's stdout), for which
/// the host stopped it.
/// </summary>
internal sealed record ProcessEnd(int ExitCode, string? RuntimeLine, string? NotAnAnswer = null)
{
    /// <summary>How the runtime starts what it prints when it ends a process.</summary>
    public static readonly string[] RuntimeLineStarts = ["Stack overflow.", "Unhandled exception.", "Process terminated.", "Fatal error."];

    /// <summary>One clause for a plugin's one line: <c>its process ended with exit code 134 (SIGABRT) during check 'X:y': Stack overflow.</c></summary>
    /// <param name="when"><c>while registering</c>, <c>during check 'X:y'</c>.</param>
    public string Describe(string when)
    {
        if (NotAnAnswer is not null)
        {
            return $"its process wrote what is not an answer {when}, and was stopped: {NotAnAnswer}";
        }

        var signal = ExitCode is > 128 and < 160 ? Signal(ExitCode - 128) : null;
        var text = $"its process ended with exit code {ExitCode}{(signal is null ? "" : $" ({signal})")} {when}";
        return RuntimeLine is not null ? $"{text}: {RuntimeLine}"
            : signal is null ? $"{text} (a plugin must answer, not end the process)"
            : text;
    }

    private static string Signal(int number) => number switch
    {
        4 => "SIGILL",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        15 => "SIGTERM",
        _ => $"signal {number}",
    };
}

/// <summary>The plugin process ended before it answered.</summary>
internal sealed class PluginProcessEndedException(ProcessEnd end) : Exception($"the plugin process ended with exit code {end.ExitCode}")
{
    public ProcessEnd End => end;
}
