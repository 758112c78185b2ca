using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace KpatchScript.Status;

/// <summary>Writes a known <see cref="Reading{T}"/> as its bare value and an unknown one as <c>{"unknown": reason}</c>.</summary>
public sealed class ReadingJsonConverterFactory : JsonConverterFactory
{
    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Reading<>);

    /// <inheritdoc />
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ReadingJsonConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class ReadingJsonConverter<T> : JsonConverter<Reading<T>>
    {
        private const string UnknownProperty = "unknown";

        public override Reading<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                // An object with exactly one "unknown" property is an unknown reading; anything else is a value.
                var probe = reader;
                probe.Read();
                if (probe.TokenType == JsonTokenType.PropertyName && probe.ValueTextEquals(UnknownProperty))
                {
                    probe.Read();
                    var reason = probe.TokenType == JsonTokenType.String ? probe.GetString() : null;
                    probe.Read();
                    if (reason is not null && probe.TokenType == JsonTokenType.EndObject)
                    {
                        reader = probe;
                        return Reading.Unknown<T>(reason);
                    }
                }
            }

            // The value's own converter, called in place: JsonSerializer.Deserialize(ref reader, ...)
            // would first copy the value into a reader of its own, reading it twice.
            var value = Converter(options).Read(ref reader, typeof(T), options);
            return Reading.Known(value!);
        }

        public override void Write(Utf8JsonWriter writer, Reading<T> value, JsonSerializerOptions options)
        {
            if (value.IsKnown)
            {
                JsonSerializer.Serialize(writer, value.Value!, TypeInfo(options));
                return;
            }

            writer.WriteStartObject();
            writer.WriteString(UnknownProperty, value.UnknownReason);
            writer.WriteEndObject();
        }

        private static JsonTypeInfo<T> TypeInfo(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

        private JsonConverter<T> Converter(JsonSerializerOptions options)
        {
            // One object, so threads that race here each see a whole pair.
            if (_converter is { } cached && ReferenceEquals(cached.Options, options))
            {
                return cached.Converter;
            }

            var converter = (JsonConverter<T>)TypeInfo(options).Converter;
            _converter = new ValueConverter(options, converter);
            return converter;
        }

        private ValueConverter? _converter;

        private sealed record ValueConverter(JsonSerializerOptions Options, JsonConverter<T> Converter);
    }
}
