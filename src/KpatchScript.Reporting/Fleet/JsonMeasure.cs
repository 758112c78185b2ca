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
        // The open containers: true for an array, whose direct values are its elements.
        var arrays = new Stack<bool>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray:
                    Count(arrays, ref elements);
                    arrays.Push(true);
                    break;
                case JsonTokenType.StartObject:
                    Count(arrays, ref elements);
                    arrays.Push(false);
                    break;
                case JsonTokenType.EndArray or JsonTokenType.EndObject:
                    arrays.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    break;
                case JsonTokenType.String:
                    Count(arrays, ref elements);
                    characters += reader.ValueIsEscaped ? reader.GetString()!.Length : Encoding.UTF8.GetCharCount(reader.ValueSpan);
                    break;
                default:
                    Count(arrays, ref elements);
                    break;
            }
        }

        return (elements, characters);
    }

    private static void Count(Stack<bool> arrays, ref long elements)
    {
        if (arrays.Count > 0 && arrays.Peek())
        {
            elements++;
        }
    }
}
