using System.Text.Json;

namespace KpatchScript.Serialization;

/// <summary>
/// Duplicate keys in a JSON document. System.Text.Json keeps them all silently (and a lookup then
/// sees the last one, an enumeration both), so in a file a person edits, one of two settings would
/// be ignored without a word: the configuration and the alert state refuse them, naming the key.
/// </summary>
public static class JsonKeys
{
    /// <summary>The path of the first key that appears twice in one object (<c>alerts.rules.x</c>, <c>alerts[2].key</c>); null when none does.</summary>
    public static string? FirstDuplicate(JsonElement element) => FirstDuplicate(element, "");

    private static string? FirstDuplicate(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var child = path.Length == 0 ? property.Name : path + "." + property.Name;
                    if (!names.Add(property.Name))
                    {
                        return child;
                    }

                    if (FirstDuplicate(property.Value, child) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstDuplicate(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
