using System.Text;
using System.Text.Json;

namespace KpatchScript.Reporting.Fleet;

/// <summary>
/// What the template renderer measures of a model (array elements, characters of string values),
/// read from JSON text without building it: a fleet row measures its status document once, when
/// it is made, instead of the renderer walking every host's tree.
/// </summary>
internal static class JsonMeasure
{
    public static (long Elements, long Characters) Of(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        long elements = 0;
        long characters = 0;
        // The open containers, true for an array (whose direct values are its elements): a bool array
        // and its depth, not a Stack<bool>, whose generic code is compiled at run time (every host is
        // measured). The reader stops past its default maximum depth, 64.
        var arrays = new bool[64];
        var depth = 0;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray or JsonTokenType.StartObject:
                    Count(arrays, depth, ref elements);
                    arrays[depth++] = reader.TokenType == JsonTokenType.StartArray;
                    break;
                case JsonTokenType.EndArray or JsonTokenType.EndObject:
                    depth--;
                    break;
                case JsonTokenType.PropertyName:
                    break;
                case JsonTokenType.String:
                    Count(arrays, depth, ref elements);
                    characters += reader.ValueIsEscaped ? reader.GetString()!.Length : Encoding.UTF8.GetCharCount(reader.ValueSpan);
                    break;
                default:
                    Count(arrays, depth, ref elements);
                    break;
            }
        }

        return (elements, characters);
    }

    private static void Count(bool[] arrays, int depth, ref long elements)
    {
        if (depth > 0 && arrays[depth - 1])
        {
            elements++;
        }
    }
}
