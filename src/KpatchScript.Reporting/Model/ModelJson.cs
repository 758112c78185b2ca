using System.Text.Json.Nodes;
using KpatchScript.Serialization;

namespace KpatchScript.Reporting;

/// <summary>Report documents as JSON nodes, written as <see cref="JsonConvention"/> says.</summary>
public static class ModelJson
{
    /// <summary>A document of the Core writers (status, verify, journal), as a node to embed.</summary>
    public static JsonNode Parse(string json) => JsonNode.Parse(json) ?? throw new InvalidOperationException("a Core writer wrote null");

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

    public static string Write(JsonNode node) => node.ToJsonString(JsonConvention.Indented);
}
