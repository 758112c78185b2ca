using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace KpatchScript.Serialization;

/// <summary>
/// How every JSON document kpatch-script writes looks, whichever writer writes it
/// (<see cref="JsonTextBuilder"/>, <see cref="Utf8JsonWriter"/>, <see cref="JsonSerializer"/> and
/// JsonNode): indented by two spaces, relaxed escaping, times in ISO 8601 with their offset.
/// </summary>
/// <remarks>
/// No static initializers: <see cref="JsonTextBuilder"/> reads <see cref="Time"/> and
/// <see cref="IndentSize"/> on the start-up path of <c>status --json</c>, which must not load the
/// encoder or the serializer (the options are made on first use).
/// </remarks>
public static class JsonConvention
{
    /// <summary>Spaces a nesting level: what <see cref="Utf8JsonWriter"/> writes by default, stated once.</summary>
    public const int IndentSize = 2;

    /// <summary>Round-trip precision, and the offset the time was taken in (not converted to UTC).</summary>
    public const string TimeFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFzzz";

    /// <summary>
    /// Relaxed escaping: the documents are read by programs and people, never embedded in HTML, so
    /// "+", "&lt;" and non-ASCII host names stay as they are instead of \u002B-style escapes.
    /// </summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>For documents: indented, relaxed escaping.</summary>
    public static JsonSerializerOptions Indented => field ??= new() { WriteIndented = true, IndentSize = IndentSize, Encoder = Encoder };

    /// <summary>For values inside other text (a JSON template's outputs): one line, relaxed escaping.</summary>
    public static JsonSerializerOptions Compact => field ??= new() { Encoder = Encoder };

    /// <summary>For a <see cref="Utf8JsonWriter"/> that writes a document.</summary>
    public static JsonWriterOptions WriterOptions => new() { Indented = true, IndentSize = IndentSize, Encoder = Encoder };

    /// <summary>
    /// <see cref="TimeFormat"/>, written as System.Text.Json writes a time: the round-trip ("O") form with
    /// the fraction's trailing zeros dropped. Not ToString(TimeFormat): a custom format compiles its digit
    /// writer at run time, 0.6 ms of status's start-up (traced, 2026-12-06).
    /// </summary>
    public static string Time(DateTimeOffset time)
    {
        // "O": 2024-04-10T10:29:16.1230000+02:00, the seven fraction digits at [20, 27), the offset after them.
        Span<char> text = stackalloc char[33];
        time.TryFormat(text, out var length, "O", CultureInfo.InvariantCulture);
        var end = 27;
        while (end > 20 && text[end - 1] == '0')
        {
            end--;
        }

        return string.Concat(text[..(end == 20 ? 19 : end)], text[27..length]);
    }
}
