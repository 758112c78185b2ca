using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using KpatchScript.Serialization;
using KpatchScript.TestFixtures;

namespace KpatchScript.Core.Tests.Serialization;

/// <summary>
/// The hand reader of status documents (StatusJsonReader, the fleet report's fast path) against
/// System.Text.Json: on every document it reads, the same status; anything else it leaves to System.Text.Json.
/// </summary>
public sealed class StatusJsonReaderTests
{
    private static readonly string[] Golden = Directory.GetFiles(RepositoryPaths.Combine("tests", "KpatchScript.Core.Tests", "Golden", "status"), "*.json").Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Every_golden_document_is_read_by_hand_as_System_Text_Json_reads_it()
    {
        Assert.True(Golden.Length >= 10, $"golden status documents: {Golden.Length}");
        foreach (var file in Golden)
        {
            var utf8 = File.ReadAllBytes(file);
            var read = StatusJson.TryReadAsWritten(utf8);

            Assert.True(read is not null, $"{Path.GetFileName(file)} was not read by hand");
            Assert.Equal(StatusJson.Serialize(StatusJson.Deserialize(utf8.AsSpan())!), StatusJson.Serialize(read.Value.Status));
            using var document = JsonDocument.Parse(utf8);
            Assert.Equal(document.RootElement.GetProperty("verdict").GetRawText(), Encoding.UTF8.GetString(utf8.AsSpan()[read.Value.Verdict]));
        }
    }

    [Theory]
    [InlineData("a member missing", "\"hostname\": \"rhel96-db01\",", "")]
    [InlineData("a member twice", "\"hostname\": \"rhel96-db01\",", "\"hostname\": \"rhel96-db01\", \"hostname\": \"rhel96-db01\",")]
    [InlineData("a number as text", "\"days_left\": 272", "\"days_left\": \"272\"")]
    [InlineData("a fraction for a whole number", "\"days_left\": 272", "\"days_left\": 272.0")]
    [InlineData("a list as null", "\"id_like\": [", "\"id_like\": null, \"x\": [")]
    [InlineData("an advice the writer does not write", "\"advice\": \"no\"", "\"advice\": \"No\"")]
    [InlineData("a member name in another case", "\"target\":", "\"Target\":")]
    public void A_document_not_shaped_as_written_is_left_to_System_Text_Json(string what, string from, string to)
    {
        var text = File.ReadAllText(RepositoryPaths.Combine("tests", "KpatchScript.Core.Tests", "Golden", "status", "rhel9-covered.json"));
        Assert.Contains(from, text, StringComparison.Ordinal);

        Assert.True(StatusJson.TryReadAsWritten(Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal))) is null, what);
    }

    [Fact]
    public void Text_after_the_document_is_left_to_System_Text_Json()
    {
        var utf8 = File.ReadAllBytes(Golden[0]);

        Assert.Null(StatusJson.TryReadAsWritten([.. utf8, .. " {}"u8]));
        Assert.Null(StatusJson.TryReadAsWritten(utf8.AsSpan(0, utf8.Length / 2)));
        Assert.NotNull(StatusJson.TryReadAsWritten([.. utf8, .. " \n"u8]));
    }

    [Fact]
    public void A_document_without_a_verdict_is_read_with_none()
    {
        var node = JsonNode.Parse(File.ReadAllBytes(Golden[0]))!.AsObject();
        node.Remove("verdict");

        var read = StatusJson.TryReadAsWritten(Encoding.UTF8.GetBytes(node.ToJsonString()));

        Assert.NotNull(read);
        Assert.Equal(0, read.Value.Verdict.GetOffsetAndLength(1).Length);
    }

    [Fact]
    public void A_blank_unknown_reason_becomes_the_same_default_reason()
    {
        var node = JsonNode.Parse(File.ReadAllBytes(Golden[0]))!.AsObject();
        node["kernel"]!["running"] = new JsonObject { ["unknown"] = "  " };
        var utf8 = Encoding.UTF8.GetBytes(node.ToJsonString());

        var read = StatusJson.TryReadAsWritten(utf8)!.Value.Status;

        Assert.Equal(StatusJson.Deserialize(utf8.AsSpan())!.Kernel.Running, read.Kernel.Running);
        Assert.Equal("unknown reason", read.Kernel.Running.UnknownReason);
    }

    /// <summary>
    /// Edits of the golden documents (values changed, replaced by other types, nulls, unknown readings,
    /// members removed, added, given twice, renamed, names escaped, indented or not): whatever the
    /// hand reader reads, System.Text.Json reads too, to the same status and verdict.
    /// </summary>
    [Fact]
    public void Edited_documents_read_by_hand_read_as_System_Text_Json_reads_them()
    {
        var documents = Golden.Select(f => JsonNode.Parse(File.ReadAllBytes(f))!).ToArray();
        // Kinds 0-12 change a document's shape or types; 13 and up change a value within its type.
        var edit = Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, 24], Gen.String[Gen.Char.AlphaNumeric, 0, 12], Gen.Long, Gen.Double);
        var read = 0;
        var total = 0;
        Gen.Select(Gen.Int[0, documents.Length - 1], edit.Array[1, 4], Gen.Bool).Sample((index, edits, indented) =>
        {
            var utf8 = Edited(documents[index], edits, indented);
            var hand = StatusJson.TryReadAsWritten(utf8);
            total++;
            if (hand is null)
            {
                return;
            }

            read++;
            var library = StatusJson.Deserialize(utf8.AsSpan());
            Assert.NotNull(library);
            Assert.Equal(StatusJson.Serialize(library), StatusJson.Serialize(hand.Value.Status));
            using var document = JsonDocument.Parse(utf8);
            Assert.Equal(
                document.RootElement.TryGetProperty("verdict", out var verdict) ? verdict.GetRawText() : "",
                Encoding.UTF8.GetString(utf8.AsSpan()[hand.Value.Verdict]));
        }, iter: 3_000, seed: "0Kz9rQ7wX1aB");

        // The edits keep a good share of documents readable by hand, so the comparison above is exercised.
        Assert.True(read > total / 5, $"read by hand: {read} of {total}");
    }

    private static byte[] Edited(JsonNode original, (int Where, int Kind, string Text, long Number, double Fraction)[] edits, bool indented)
    {
        var root = original.DeepClone();
        var doubled = new List<(JsonObject Object, string Name)>();
        var escaped = new List<string>();
        foreach (var (where, edited, text, whole, fraction) in edits)
        {
            var (kind, number) = (edited, whole);
            var nodes = Flatten(root).ToList();
            var (node, parent, name) = nodes[where % nodes.Count];
            if (kind >= 13)
            {
                kind = node is JsonValue value ? value.GetValueKind() switch
                {
                    JsonValueKind.String => 0,
                    JsonValueKind.Number => 2,
                    JsonValueKind.True or JsonValueKind.False => 8,
                    _ => 4,
                } : 10;
                number %= 1000;
            }

            JsonNode? replacement = kind switch
            {
                0 => text + "\u00e9\"\\\n",
                1 => number,
                2 => (int)number,
                3 => fraction,
                4 => null,
                5 => new JsonObject { ["unknown"] = text },
                6 => new JsonObject { ["unknown"] = number },
                7 => new JsonArray(),
                8 => number % 2 == 0,
                _ => node?.DeepClone(),
            };
            switch (kind)
            {
                case 9 when parent is JsonObject members && name is not null:
                    members.Remove(name);
                    continue;
                case 10 when node is JsonObject target:
                    target["x_" + text] = number;
                    continue;
                case 11 when parent is JsonObject members && name is not null:
                    doubled.Add((members, name));
                    continue;
                case 12 when name is not null:
                    escaped.Add(name);
                    continue;
                case >= 9:
                    continue;
            }

            if (parent is JsonObject owner && name is not null)
            {
                owner[name] = replacement;
            }
            else if (parent is JsonArray array && node is not null)
            {
                array[array.IndexOf(node)] = replacement;
            }
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, root, doubled);
        }

        var json = Encoding.UTF8.GetString(buffer.ToArray());
        foreach (var name in escaped)
        {
            var at = json.IndexOf($"\"{name}\":", StringComparison.Ordinal);
            if (at >= 0 && name.Length > 0)
            {
                json = string.Concat(json.AsSpan(0, at + 1), $"\\u{(int)name[0]:x4}", json.AsSpan(at + 2));
            }
        }

        return Encoding.UTF8.GetBytes(json);
    }

    private static IEnumerable<(JsonNode? Node, JsonNode? Parent, string? Name)> Flatten(JsonNode? node, JsonNode? parent = null, string? name = null)
    {
        yield return (node, parent, name);
        if (node is JsonObject members)
        {
            foreach (var (key, value) in members.ToList())
            {
                foreach (var inner in Flatten(value, members, key))
                {
                    yield return inner;
                }
            }
        }
        else if (node is JsonArray items)
        {
            foreach (var item in items.ToList())
            {
                foreach (var inner in Flatten(item, items))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>The tree as JSON, with the chosen members written twice (a JsonObject cannot hold that).</summary>
    private static void Write(Utf8JsonWriter writer, JsonNode? node, List<(JsonObject Object, string Name)> doubled)
    {
        switch (node)
        {
            case JsonObject members:
                writer.WriteStartObject();
                foreach (var (key, value) in members)
                {
                    var times = doubled.Contains((members, key)) ? 2 : 1;
                    for (var i = 0; i < times; i++)
                    {
                        writer.WritePropertyName(key);
                        Write(writer, value, doubled);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonArray items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    Write(writer, item, doubled);
                }

                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
