using KpatchScript.Verdicts;

namespace KpatchScript.Cli.Output;

/// <summary>The verdict as the first line of human output (status, verify, alerts --dry-run), then its reasons.</summary>
internal static class VerdictLine
{
    /// <summary><c>NOT COVERED: host is not covered: ...</c>, as the status.txt template's first line reads.</summary>
    public static string Of(Verdict verdict) => $"{VerdictWords.Of(verdict.State).ToUpperInvariant()}: {verdict.Summary}";

    /// <summary>The first line, then one line per reason: <c>  - [action needed] ...</c>.</summary>
    public static void Write(Verdict verdict, TextWriter writer)
    {
        writer.WriteLine(Of(verdict));
        foreach (var reason in verdict.Reasons)
        {
            writer.WriteLine($"  - [{VerdictWords.Of(reason.Level)}] {reason.Text}");
        }
    }
}
