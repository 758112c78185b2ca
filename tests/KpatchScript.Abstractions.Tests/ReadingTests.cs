using System.Text.Json;
using KpatchScript.Status;

namespace KpatchScript.Abstractions.Tests;

public sealed class ReadingTests
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    [Fact]
    public void Writes_a_known_reading_as_its_bare_value()
    {
        Assert.Equal("\"5.14.0\"", JsonSerializer.Serialize(Reading.Known("5.14.0"), Options));
        Assert.Equal("true", JsonSerializer.Serialize(Reading.Known(true), Options));
        Assert.Equal("[1,2]", JsonSerializer.Serialize(Reading.Known<IReadOnlyList<int>>([1, 2]), Options));
    }

    [Fact]
    public void Writes_an_unknown_reading_as_an_object_with_its_reason()
    {
        Assert.Equal("{\"unknown\":\"/proc/x does not exist\"}", JsonSerializer.Serialize(Reading.Unknown<int>("/proc/x does not exist"), Options));
    }

    [Fact]
    public void Reads_back_what_it_wrote()
    {
        var known = JsonSerializer.Deserialize<Reading<long>>("32768", Options)!;
        var unknown = JsonSerializer.Deserialize<Reading<long>>("{\"unknown\":\"empty\"}", Options)!;

        Assert.True(known.IsKnown);
        Assert.Equal(32768, known.Value);
        Assert.False(unknown.IsKnown);
        Assert.Equal("empty", unknown.UnknownReason);
    }

    [Fact]
    public void Reads_an_object_value_that_merely_has_other_properties_as_known()
    {
        var reading = JsonSerializer.Deserialize<Reading<LivepatchSupport>>("{\"supported\":true,\"reason\":\"x\"}", Options)!;

        Assert.True(reading.IsKnown);
        Assert.True(reading.Value!.Supported);
    }

    [Fact]
    public void Never_holds_an_empty_reason()
    {
        Assert.Equal("unknown reason", Reading.Unknown<string>(" ").UnknownReason);
    }

    [Fact]
    public void Keeps_an_unknown_reading_unknown_through_select_and_then()
    {
        var unknown = Reading.Unknown<string>("missing");

        Assert.Equal("missing", unknown.Select(s => s.Length).UnknownReason);
        Assert.Equal("missing", unknown.Then(s => Reading.Known(s.Length)).UnknownReason);
        Assert.Equal(3, Reading.Known("abc").Select(s => s.Length).Value);
    }
}
