namespace KpatchScript.Parsing;

/// <summary>Quotes untrusted text in a reason: one line, at most 40 characters, so one bad file cannot flood the output.</summary>
internal static class TextClip
{
    public static string Clip(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= 40 ? oneLine : oneLine[..40] + "...";
    }
}
