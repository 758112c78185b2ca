using System.Text;
using CsCheck;
using KpatchScript.IO;

namespace KpatchScript.Core.Tests.Files;

/// <summary>
/// <see cref="BoundedFile.Decode"/> decodes UTF-8 directly (a StreamReader costs start-up time); it
/// must give the text a StreamReader with byte order mark detection gives, as File.ReadAllText does.
/// </summary>
public sealed class BoundedFileDecodeTests
{
    private static readonly byte[][] Marks =
    [
        [],
        [0xEF, 0xBB, 0xBF],
        [0xFE, 0xFF],
        [0xFF, 0xFE],
        [0x00, 0x00, 0xFE, 0xFF],
        [0xFF, 0xFE, 0x00, 0x00],
        [0xEF, 0xBB],
    ];

    // ASCII, UTF-8 lead and continuation bytes and invalid ones.
    private static readonly byte[] Alphabet = [0x61, 0x0A, 0x00, 0x80, 0xBF, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0xFF, 0xFE];

    // A mark or none, then up to 12 bytes of the alphabet.
    private static readonly Gen<byte[]> Bytes =
        Gen.Select(Gen.Int[0, Marks.Length - 1], Gen.Int[0, Alphabet.Length - 1].Array[0, 12])
            .Select((mark, body) => Marks[mark].Concat(body.Select(i => Alphabet[i])).ToArray());

    [Theory]
    [InlineData(new byte[] { 0x61, 0x0A }, "a\n")]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x61 }, "a")]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x61, 0x00 }, "a")]
    [InlineData(new byte[] { 0x61, 0xFF, 0x62 }, "a\uFFFDb")]
    [InlineData(new byte[0], "")]
    public void Decodes_UTF8_and_honours_byte_order_marks(byte[] bytes, string expected) =>
        Assert.Equal(expected, BoundedFile.Decode(bytes));

    [Fact]
    public void Decodes_every_byte_sequence_as_StreamReader_does() =>
        Bytes.Sample(bytes => Assert.Equal(ReadToEnd(bytes), BoundedFile.Decode(bytes)), iter: 20_000, seed: "0N0XIzNsQ0O2");

    private static string ReadToEnd(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
