using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KpatchScript.Reporting;

/// <summary>How report documents are written: indented, relaxed escaping like the status document (never embedded in HTML as JSON).</summary>
public static class ModelJson
{
    public static JsonSerializerOptions Options { get; } = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A document of the Core writers (status, verify, journal), as a node to embed.</summary>
    public static JsonNode Parse(string json) => JsonNode.Parse(json) ?? throw new InvalidOperationException("a Core writer wrote null");

    /// <summary>Times as the status document writes them: ISO 8601 with offset.</summary>
    public static string Time(DateTimeOffset time) => time.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    public static JsonArray Strings(IEnumerable<string> values)
    {
        var array = new JsonArray();
        foreach (var value in values)
        {
            array.Add(value);
        }

        return array;
    }

    public static JsonArray Array<T>(IEnumerable<T> items, Func<T, JsonNode> map)
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(map(item));
        }

        return array;
    }

    public static string Write(JsonNode node) => node.ToJsonString(Options);
}
