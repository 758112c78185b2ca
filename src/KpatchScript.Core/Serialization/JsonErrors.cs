using System.Text.Json;
using System.Text.RegularExpressions;

namespace KpatchScript.Serialization;

/// <summary>
/// A JSON parser's complaint as one line for an error message. System.Text.Json quotes what it
/// could not read, up to the next delimiter: in a broken file that is many lines, or 100 KB of
/// one string, which would turn a one-line error into a page (found by the fuzz suite).
/// </summary>
public static partial class JsonErrors
{
    private const int QuoteLimit = 40;
    private const int Limit = 240;

    /// <summary>The message in one line, what it quotes clipped, with the line and byte where it happened.</summary>
    public static string Describe(Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var message = ex.Message;
        var suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (suffix >= 0)
        {
            message = message[..suffix];
        }

        message = Quoted().Replace(message.ReplaceLineEndings(" "), m => m.Value.Length <= QuoteLimit + 2 ? m.Value : m.Value[..(QuoteLimit + 1)] + "...'");
        message = message.Length <= Limit ? message : message[..Limit] + "...";
        return ex is JsonException { LineNumber: { } line, BytePositionInLine: { } position }
            ? $"line {line + 1}, byte {position + 1}: {message}"
            : message;
    }

    [GeneratedRegex("'[^']*'")]
    private static partial Regex Quoted();
}
