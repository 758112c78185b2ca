using System.Globalization;
using System.Text;

namespace KpatchScript.Serialization;

/// <summary>
/// Text from a host (names, os-release, files, command output) made safe for a terminal or a
/// text file: every character that could act instead of print is written as a visible escape,
/// <c>\x1b</c> for ESC, <c>\u202e</c> for a right-to-left override. Host names, patch names and
/// reasons can hold anything their host put there, and an escape sequence printed raw can retitle
/// the terminal, clear it, or make one line look like another. JSON needs none of this: its own
/// escaping already covers it.
/// </summary>
public static class SafeText
{
    /// <summary>One value on one line: control characters, line breaks included, become escapes. A string that needs none is returned as it is.</summary>
    public static string Of(string? text) => Escape(text, keepLineBreaks: false);

    /// <summary>Text of several lines: as <see cref="Of"/>, but <c>\n</c> stays a line break.</summary>
    public static string Lines(string? text) => Escape(text, keepLineBreaks: true);

    /// <summary>
    /// True for what a terminal may act on or reorder: C0 controls, DEL, C1 controls (U+0080-U+009F,
    /// which terminals read as CSI and OSC too), the Unicode line and paragraph separators, and the
    /// bidirectional controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069).
    /// </summary>
    public static bool IsUnsafe(char c) =>
        c < '\u0020' || c is >= '\u007f' and <= '\u009f' || c is '\u061c' or '\u200e' or '\u200f' or '\u2028' or '\u2029'
        || c is >= '\u202a' and <= '\u202e' || c is >= '\u2066' and <= '\u2069';

    private static string Escape(string? text, bool keepLineBreaks)
    {
        if (text is null)
        {
            return "";
        }

        var first = FirstUnsafe(text, keepLineBreaks);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsUnsafe(c) || (keepLineBreaks && c == '\n'))
            {
                builder.Append(c);
                continue;
            }

            _ = c switch
            {
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                <= '\u00ff' => builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)),
                _ => builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
            };
        }

        return builder.ToString();
    }

    // A loop, not LINQ: status calls this for every cell, and its start-up is measured.
    private static int FirstUnsafe(string text, bool keepLineBreaks)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text[i]) && !(keepLineBreaks && text[i] == '\n'))
            {
                return i;
            }
        }

        return -1;
    }
}
