using System.Text;
using KpatchScript.Status;

namespace KpatchScript.Parsing;

/// <summary>
/// Parses os-release(5): <c>KEY=value</c> lines, values optionally in double or single quotes,
/// with shell-style backslash escapes inside double quotes. Lines that are not assignments are ignored.
/// </summary>
internal static class OsReleaseParser
{
    public static Reading<OsRelease> Parse(string text, string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rawLine in text.Split('\n'))
        {
            // Blank lines and '#' comments fall out below: no '=', or a key that starts with '#'.
            var line = rawLine.Trim();
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var key = line[..equals].Trim();
            if (!IsKey(key))
            {
                continue;
            }

            if (Unquote(line[(equals + 1)..].Trim()) is { } value)
            {
                values[key] = value;
            }
        }

        if (values.Count == 0)
        {
            return Reading.Unknown<OsRelease>(text.Trim().Length == 0 ? $"{path} is empty" : $"{path} has no KEY=value lines");
        }

        // Defaults from os-release(5) for the keys it defines them for.
        var id = Get(values, "ID") ?? "linux";
        var name = Get(values, "NAME") ?? "Linux";
        var pretty = Get(values, "PRETTY_NAME") ?? "Linux";
        var idLike = (Get(values, "ID_LIKE") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return Reading.Known(new OsRelease(id, name, Get(values, "VERSION_ID"), pretty, idLike));
    }

    private static string? Get(Dictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var v) && v.Length > 0 ? v : null;

    /// <summary>A variable name: A-Z, 0-9 and _. A loop, not LINQ over chars: status's start-up path, where that is compiled at run time.</summary>
    private static bool IsKey(string key)
    {
        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns the value, or null for an unterminated quote (the line is then ignored).</summary>
    private static string? Unquote(string raw)
    {
        if (raw.Length == 0)
        {
            return raw;
        }

        var quote = raw[0];
        if (quote != '"' && quote != '\'')
        {
            // Unquoted: a trailing comment is not part of the value.
            var hash = raw.IndexOf(" #", StringComparison.Ordinal);
            // Stryker disable once Equality : raw is trimmed, so " #" cannot start at 0
            return hash >= 0 ? raw[..hash].TrimEnd() : raw;
        }

        var builder = new StringBuilder();
        for (var i = 1; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == quote)
            {
                return builder.ToString();
            }

            if (c == '\\' && quote == '"' && i + 1 < raw.Length && "\"\\$`".Contains(raw[i + 1], StringComparison.Ordinal))
            {
                builder.Append(raw[++i]);
                continue;
            }

            builder.Append(c);
        }

        return null;
    }
}
