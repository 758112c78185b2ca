using System.Text.Json;

namespace KpatchScript.Cli.Tests.Fuzz;

/// <summary>What every fuzz case asks of a run of the CLI: no crash, no stack trace, valid JSON where JSON was asked for, each error one line.</summary>
internal static class Outcomes
{
    /// <returns>What is wrong, or null.</returns>
    public static string? Check(CliRunner.Outcome outcome, bool json, bool oneLineErrors = true)
    {
        if (outcome.Error.Contains("unexpected failure", StringComparison.Ordinal))
        {
            return $"a crash (exit {outcome.ExitCode}): {Clip(outcome.Error)}";
        }

        if ((outcome.Out + "\n" + outcome.Error).Contains("\n   at ", StringComparison.Ordinal))
        {
            return $"a stack trace: {Clip(outcome.Error + outcome.Out)}";
        }

        if (outcome.ExitCode is not (0 or 1 or 2 or 3))
        {
            return $"exit code {outcome.ExitCode}: {Clip(outcome.Error)}";
        }

        // One line a problem: each line of stderr is one of ours (a message that quotes a parser's
        // multi-line complaint breaks this; one that quotes a long value whole does not).
        var lines = outcome.Error.TrimEnd('\n').Split('\n');
        if (oneLineErrors && outcome.Error.Length > 0 && lines.FirstOrDefault(l => !l.StartsWith("kpatch-script: ", StringComparison.Ordinal)) is { } line)
        {
            return $"an error line that is not one line of ours: {Clip(line)}";
        }

        return json ? JsonProblem(outcome.Out) : null;
    }

    /// <summary>Null when <paramref name="text"/> is empty or one valid JSON document.</summary>
    public static string? JsonProblem(string text)
    {
        if (text.Trim().Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return null;
        }
        catch (JsonException ex)
        {
            return $"invalid JSON ({ex.Message}): {Clip(text)}";
        }
    }

    public static string Clip(string text) => text.Length > 600 ? text[..600] + "..." : text;
}
