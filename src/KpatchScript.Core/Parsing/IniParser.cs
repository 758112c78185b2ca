namespace KpatchScript.Parsing;

/// <summary>
/// The subset of Python configparser that dnf plugin configurations use: <c>[section]</c>
/// headers, <c>key = value</c> or <c>key: value</c>, <c>#</c>/<c>;</c> comments, case-insensitive keys.
/// </summary>
internal static class IniParser
{
    public static string? Get(string text, string section, string key)
    {
        string? current = null;
        string? found = null;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                current = line[1..^1].Trim();
                continue;
            }

            var separator = line.IndexOfAny(['=', ':']);
            if (separator <= 0 || !string.Equals(current, section, StringComparison.Ordinal))
            {
                continue;
            }

            if (string.Equals(line[..separator].Trim(), key, StringComparison.OrdinalIgnoreCase))
            {
                found = line[(separator + 1)..].Trim(); // configparser keeps the last assignment.
            }
        }

        return found;
    }

    /// <summary>configparser's getboolean words; null for anything else.</summary>
    public static bool? ToBoolean(string value) => value.ToLowerInvariant() switch
    {
        "1" or "yes" or "true" or "on" => true,
        "0" or "no" or "false" or "off" => false,
        _ => null,
    };
}
