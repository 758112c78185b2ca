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

    public static string Time(DateTimeOffset time) => time.ToString(TimeFormat, CultureInfo.InvariantCulture);
}
