using KpatchScript.Analyzers.Support;

namespace KpatchScript.Analyzers;

/// <summary>
/// Checks lines of a banned-API list (BannedSymbols format) where the list is configured, so a
/// typo is one clear error there instead of a ban that silently bans nothing.
/// </summary>
public static class BannedSymbolsFormat
{
    /// <summary>Null for an entry, a blank line or a <c>//</c> comment; otherwise what is wrong with the line.</summary>
    public static string? Problem(string line)
    {
        var text = line.Trim();
        if (text.Length == 0 || text.StartsWith("//", System.StringComparison.Ordinal) || BannedSymbols.Parse(line) is not null)
        {
            return null;
        }

        return $"'{text}' is not an entry: write a documentation comment id such as T:System.IO.File, M:System.IO.File.Delete(System.String), P:, F:, E: or N:System.Net, optionally followed by ';' and a message";
    }
}
