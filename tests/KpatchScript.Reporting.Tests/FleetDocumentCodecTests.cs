using System.Text;
using KpatchScript.Reporting.Fleet;

namespace KpatchScript.Reporting.Tests;

/// <summary>
/// The fleet rows' codec: every document comes back as it went in, whichever document became the
/// dictionary, from any thread; documents alike compress to little beside the first.
/// </summary>
public sealed class FleetDocumentCodecTests
{
    private static byte[] Document(int host, int cves) =>
        Encoding.UTF8.GetBytes($$"""{"schema_version":2,"host":{"hostname":"app{{host:D6}}"},"coverage":{"installed_not_live":[{{string.Join(",", Enumerable.Range(0, cves).Select(c => $"\"CVE-2025-{(host + c) % 9000:D4}\""))}}]},"text":"é ü 🙂 \u2028"}""");

    [Fact]
    public void Every_document_comes_back_as_it_went_in_from_any_thread()
    {
        var codec = new FleetDocumentCodec();
        var documents = Enumerable.Range(0, 2_000).Select(i => Document(i, i % 40)).ToArray();
        var compressed = new byte[documents.Length][];

        Parallel.For(0, documents.Length, i => compressed[i] = codec.Compress(documents[i]));
        var back = new byte[documents.Length][];
        Parallel.For(0, documents.Length, i =>
        {
            back[i] = new byte[documents[i].Length];
            codec.Decompress(compressed[i], back[i]);
        });

        for (var i = 0; i < documents.Length; i++)
        {
            Assert.Equal(documents[i], back[i]);
        }
    }

    [Fact]
    public void Documents_alike_keep_little_more_than_what_is_their_own()
    {
        var codec = new FleetDocumentCodec();
        var first = Document(0, 30);
        codec.Compress(first);

        var second = Document(1, 30);
        var alone = FleetDocumentCodec.Plain.Compress(second);
        var withDictionary = codec.Compress(second);

        // The first document is the dictionary: the second, differing in its host name and CVEs, is a small fraction of alone.
        Assert.True(withDictionary.Length * 3 < alone.Length, $"{withDictionary.Length} bytes with the dictionary, {alone.Length} alone");
    }

    [Fact]
    public void A_first_document_larger_than_a_dictionary_gives_its_beginning_and_all_still_round_trip()
    {
        var codec = new FleetDocumentCodec();
        var large = Encoding.UTF8.GetBytes(new string('x', 200_000) + "tail");
        var small = Document(7, 3);
        var empty = Array.Empty<byte>();

        foreach (var document in new[] { large, small, empty })
        {
            var back = new byte[document.Length];
            codec.Decompress(codec.Compress(document), back);
            Assert.Equal(document, back);
        }
    }

    [Fact]
    public void A_document_decompressed_into_a_length_not_its_own_is_an_error()
    {
        var codec = FleetDocumentCodec.Plain;
        var compressed = codec.Compress(Document(1, 2));

        Assert.ThrowsAny<Exception>(() => codec.Decompress(compressed, new byte[Document(1, 2).Length + 1]));
        Assert.ThrowsAny<Exception>(() => codec.Decompress(compressed, new byte[Document(1, 2).Length - 1]));
    }
}
