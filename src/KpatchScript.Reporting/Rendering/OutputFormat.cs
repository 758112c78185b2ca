using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KpatchScript.Serialization;
using Scriban.Runtime;

namespace KpatchScript.Reporting.Rendering;

/// <summary>
/// Escaping by the template's extension, applied to everything a <c>{{ expression }}</c> writes
/// (never to the template's own text), so host data cannot change the document it lands in:
/// <c>.html</c> HTML-encodes; <c>.md</c> backslash-escapes Markdown and HTML characters; <c>.csv</c>
/// makes each output one RFC 4180 cell and defuses spreadsheet formulas; <c>.json</c> writes each
/// output as a JSON value; <c>.txt</c> shows control characters, line breaks and bidirectional
/// controls as visible escapes (<see cref="SafeText"/>: <c>\x1b</c>, <c>\n</c>, <c>\u202e</c>), so a
/// value can neither drive the terminal that prints the text nor start a line of its own. HTML,
/// Markdown and CSV show the same escapes for control characters (a report often lands on a
/// terminal too); JSON escapes them its own way.
/// </summary>
internal static class OutputFormat
{
    public static Func<object?, string?> For(string templateName) => Path.GetExtension(templateName) switch
    {
        ".html" or ".htm" => value => value is null ? null : WebUtility.HtmlEncode(SafeText.Lines(Text(value))),
        ".md" => value => value is null ? null : Markdown(Text(value)),
        ".csv" => Csv,
        ".json" => value => Json(value)?.ToJsonString(JsonConvention.Compact) ?? "null",
        _ => value => value is null ? null : SafeText.Of(Text(value)),
    };

    public static string Text(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        ScriptArray a => string.Join(", ", a.Select(item => item is null ? "" : Text(item))),
        _ => value.ToString() ?? "",
    };

    private static string Markdown(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' or '`' or '*' or '[' or ']' or '|' or '#' or '!' => builder.Append('\\').Append(c),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '&' => builder.Append("&amp;"),
                '\r' or '\n' => builder.Append(' '),
                _ when SafeText.IsUnsafe(c) => builder.Append(SafeText.Of(c.ToString())),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    /// <summary>One cell: quoted when it holds a separator, quote or line break; a string starting like a formula gets a leading quote.</summary>
    private static string Csv(object? value)
    {
        if (value is null)
        {
            return "";
        }

        var text = SafeText.Lines(Text(value));
        if (value is string && text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static JsonNode? Json(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        ScriptArray a => ModelJson.Array(a, item => Json(item)!),
        ScriptObject o => Object(o),
        _ => JsonValue.Create(Text(value)),
    };

    private static JsonObject Object(ScriptObject o)
    {
        var json = new JsonObject();
        // Through the interface: a fleet host's objects are read when first asked (LazyJsonObject).
        foreach (var (name, value) in (IEnumerable<KeyValuePair<string, object?>>)o)
        {
            json[name] = Json(value);
        }

        return json;
    }
}
