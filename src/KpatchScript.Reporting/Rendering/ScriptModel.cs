using System.Text.Json;
using System.Text.Json.Nodes;
using Scriban.Runtime;

namespace KpatchScript.Reporting.Rendering;

/// <summary>
/// The JSON model as Scriban objects: objects become <see cref="ScriptObject"/>s with the JSON's own
/// snake_case names, arrays <see cref="ScriptArray"/>s, values strings, numbers and booleans. Plain
/// data only: no .NET object is exposed to templates (Scriban is not a sandbox for rich objects).
/// It also measures the model, to size the render limits from the data.
/// </summary>
internal sealed class ScriptModel
{
    private ScriptModel()
    {
    }

    /// <summary>How many array elements the model holds in all (loops over the data are bounded by it).</summary>
    public long Elements { get; private set; }

    /// <summary>Characters in all its strings.</summary>
    public long Characters { get; private set; }

    public ScriptObject Root { get; private set; } = [];

    public static ScriptModel From(JsonObject model)
    {
        var converted = new ScriptModel();
        converted.Root = (ScriptObject)converted.Convert(model)!;
        return converted;
    }

    private object? Convert(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject o:
                var obj = new ScriptObject(o.Count);
                foreach (var (name, value) in o)
                {
                    obj[name] = Convert(value);
                }

                return obj;
            case JsonArray a:
                var array = new ScriptArray(a.Count);
                foreach (var item in a)
                {
                    array.Add(Convert(item));
                }

                Elements += a.Count;
                return array;
            default:
                return Value((JsonValue)node);
        }
    }

    private object? Value(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                var text = value.GetValue<string>();
                Characters += text.Length;
                return text;
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                return value.TryGetValue<long>(out var whole) ? whole : value.TryGetValue<int>(out var small) ? small : value.GetValue<double>();
            default:
                return null;
        }
    }
}
