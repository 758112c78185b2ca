using System.Text;
using System.Text.Json;
using CsCheck;
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

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JsonConvention.Encoder };

    private static readonly string[] Fixed = ["\"", "\\", "🙂", "é", "kpatch_5_14_0_570 ", "CVE-2025-38001"];

    [Fact]
    public void Writes_any_valid_text_as_Utf8JsonWriter_does()
    {
        // Pieces that escape (quotes, controls, C1, separators, pairs) and pieces that do not, in runs of any length.
        var pieces = Gen.OneOf(
            Gen.Char['\0', '\u00ff'].Select(c => c.ToString()),
            Gen.Char['\u2000', '\u206f'].Select(c => c.ToString()),
            Gen.Char['\ue000', '\uffff'].Select(c => c.ToString()),
            Gen.Int[0, Fixed.Length - 1].Select(i => Fixed[i]));
        pieces.Array[0, 40].Select(string.Concat).Sample(text =>
        {
            var builder = new JsonTextBuilder(indented: false);
            builder.WriteStringValue(text);
            var written = JsonSerializer.Serialize(text, Relaxed);
            Assert.Equal(written, builder.ToString());
        }, iter: 20_000, seed: "0N0XIzNsQ0O2");
    }
}
