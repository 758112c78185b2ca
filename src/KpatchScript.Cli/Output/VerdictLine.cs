using KpatchScript.Serialization;
using KpatchScript.Verdicts;

namespace KpatchScript.Cli.Output;

/// <summary>The verdict as the first line of human output (status, verify, alerts --dry-run), then its reasons.</summary>
internal static class VerdictLine
{
    /// <summary><c>NOT COVERED: host is not covered: ...</c>, as the status.txt template's first line reads.</summary>
    /// <remarks>The summary and reasons quote host strings (its name, paths, patch names): <see cref="SafeText"/> shows their control characters instead of sending them.</remarks>
    public static string Of(Verdict verdict) => $"{VerdictWords.Of(verdict.State).ToUpperInvariant()}: {SafeText.Of(verdict.Summary)}";

    /// <summary>The first line, then one line per reason: <c>  - [action needed] ...</c>.</summary>
    public static void Write(Verdict verdict, TextWriter writer)
    {
        writer.WriteLine(Of(verdict));
        foreach (var reason in verdict.Reasons)
        {
            writer.WriteLine($"  - [{VerdictWords.Of(reason.Level)}] {SafeText.Of(reason.Text)}");
        }
    }
}
