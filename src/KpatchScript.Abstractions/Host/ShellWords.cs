namespace KpatchScript.Host;

/// <summary>
/// POSIX shell quoting, in one place. Commands run as argument vectors; a word is quoted only where
/// a shell really reads it (ssh hands its remote command line to the remote user's shell) or where a
/// person reads a command (messages, the audit journal, scripts that tests write).
/// </summary>
public static class ShellWords
{
    /// <summary>One word for sh, whatever it holds: single-quoted, each <c>'</c> as <c>'\''</c>.</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>The word as it is when sh would read it unchanged (letters, digits and <c>-_./=:,+@%</c>), else <see cref="Quote"/>d.</summary>
    public static string QuoteIfNeeded(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        foreach (var c in word)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !"-_./=:,+@%".Contains(c, StringComparison.Ordinal))
            {
                return Quote(word);
            }
        }

        return word.Length > 0 ? word : Quote(word);
    }
}
