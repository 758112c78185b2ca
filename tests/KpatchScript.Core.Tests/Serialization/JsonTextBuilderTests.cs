using System.Text;
using System.Text.Json;
using KpatchScript.Serialization;

namespace KpatchScript.Core.Tests.Serialization;

public sealed class JsonTextBuilderTests
{
    private const string Tricky = "quote \" backslash \\ tab \t newline \n nul \0 del \u007f c1 \u0085 sep \u2028 plus + lt < é ü 🙂";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Writes_exactly_what_Utf8JsonWriter_writes_with_relaxed_escaping(bool indented)
    {
        var builder = new JsonTextBuilder(indented);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = JsonConvention.Encoder }))
        {
            foreach (var (b, w) in new[] { (builder, writer) })
            {
                b.WriteStartObject();
                w.WriteStartObject();
                b.WriteString("text", Tricky);
                w.WriteString("text", Tricky);
                b.WriteString("time", new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.FromHours(2)));
                w.WriteString("time", new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.FromHours(2)));
                b.WriteNumber("n", -42);
                w.WriteNumber("n", -42);
                b.WriteNull("none");
                w.WriteNull("none");
                b.WriteStartArray("empty");
                w.WriteStartArray("empty");
                b.WriteEndArray();
                w.WriteEndArray();
                b.WriteStartObject("nested");
                w.WriteStartObject("nested");
                b.WriteStartArray("list");
                w.WriteStartArray("list");
                b.WriteBooleanValue(true);
                w.WriteBooleanValue(true);
                b.WriteStartObject();
                w.WriteStartObject();
                b.WriteEndObject();
                w.WriteEndObject();
                b.WriteStringValue("x");
                w.WriteStringValue("x");
                b.WriteEndArray();
                w.WriteEndArray();
                b.WriteEndObject();
                w.WriteEndObject();
                b.WriteEndObject();
                w.WriteEndObject();
            }
        }

        Assert.Equal(Encoding.UTF8.GetString(stream.ToArray()), builder.ToString());
    }
}
