using CsCheck;
using KpatchScript.IO;

namespace KpatchScript.Core.Tests.Files;

/// <summary>
/// <see cref="BoundedFile.Lines"/> splits by hand (a cached script run reads its cache entry with
/// it); it must split exactly as StringReader.ReadLine, which File.ReadAllLines uses.
/// </summary>
public sealed class BoundedFileLinesTests
{
    // Mostly line ends, so that runs of \r, \n and \r\n and a line end at either end are common.
    private static readonly Gen<string> Text = Gen.Char["ab\r\n"].Array[0, 12].Select(c => new string(c));

    [Theory]
    [InlineData("", new string[0])]
    [InlineData("a", new[] { "a" })]
    [InlineData("a\n", new[] { "a" })]
    [InlineData("a\r\nb", new[] { "a", "b" })]
    [InlineData("a\r\rb\n\n", new[] { "a", "", "b", "" })]
    [InlineData("\n", new[] { "" })]
    public void Splits_at_each_line_end(string text, string[] expected) =>
        Assert.Equal(expected, BoundedFile.Lines(text));

    [Fact]
    public void Splits_every_text_as_StringReader_does() =>
        Text.Sample(text => Assert.Equal(ReadLines(text), BoundedFile.Lines(text)), iter: 20_000, seed: "0N0XIzNsQ0O2");

    private static List<string> ReadLines(string text)
    {
        var lines = new List<string>();
        using var reader = new StringReader(text);
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }
}
