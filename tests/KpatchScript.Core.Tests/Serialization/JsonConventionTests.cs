using System.Globalization;
using System.Text.Json;
using CsCheck;
using KpatchScript.Serialization;

namespace KpatchScript.Core.Tests.Serialization;

/// <summary>The hand-trimmed time (start-up cost, see JsonConvention.Time) against its format and System.Text.Json.</summary>
public sealed class JsonConventionTests
{
    private static readonly Gen<DateTimeOffset> Times = Gen.Select(
        Gen.Long[DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay],
        Gen.Int[0, 3],
        Gen.Int[-14 * 60, 14 * 60])
        .Select((ticks, precision, offset) => new DateTimeOffset(
            new DateTime(ticks - (ticks % (precision switch { 0 => TimeSpan.TicksPerSecond, 1 => TimeSpan.TicksPerMillisecond, 2 => 10, _ => 1 }))),
            TimeSpan.FromMinutes(offset)));

    [Fact]
    public void Writes_generated_times_as_the_format_and_System_Text_Json_do()
    {
        Times.Sample(time =>
        {
            var written = JsonConvention.Time(time);
            Assert.Equal(time.ToString(JsonConvention.TimeFormat, CultureInfo.InvariantCulture), written);
            Assert.Equal(JsonSerializer.Serialize(time), $"\"{written}\"");
        }, iter: 20_000, seed: "0N0XIzNsQ0O2");
    }

    [Theory]
    [InlineData("2024-04-10T10:29:16+00:00")]
    [InlineData("2024-04-10T10:29:16.5-05:30")]
    [InlineData("0001-01-02T00:00:00.0000001+14:00")]
    public void Trims_only_the_fraction_s_trailing_zeros(string expected)
    {
        Assert.Equal(expected, JsonConvention.Time(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture)));
    }
}
