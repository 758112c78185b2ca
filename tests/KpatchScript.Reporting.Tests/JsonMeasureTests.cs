using System.Text;
using KpatchScript.Reporting.Fleet;

namespace KpatchScript.Reporting.Tests;

/// <summary>A fleet row's size, as the template renderer sizes its limits: array elements at any depth, and string characters.</summary>
public sealed class JsonMeasureTests
{
    [Theory]
    [InlineData("""{"a":[1,[2,3],{"b":[]}],"s":"x\u00e9"}""", 5, 2)]
    [InlineData("""{"names":"not counted","list":["ab","c\"d"],"n":{"x":null}}""", 2, 16)]
    public void Counts_elements_at_any_depth_and_string_characters(string json, long elements, long characters)
    {
        Assert.Equal((elements, characters), JsonMeasure.Of(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Counts_as_deep_as_the_reader_reads()
    {
        // 63 arrays in an object: the reader's default maximum depth, 64.
        var json = "{\"deep\":" + new string('[', 63) + "1" + new string(']', 63) + "}";

        Assert.Equal((63L, 0L), JsonMeasure.Of(Encoding.UTF8.GetBytes(json)));
    }
}
