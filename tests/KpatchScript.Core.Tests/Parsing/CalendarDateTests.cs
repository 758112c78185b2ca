using System.Globalization;
using CsCheck;
using KpatchScript.Parsing;

namespace KpatchScript.Core.Tests.Parsing;

/// <summary>
/// The hand-written date reader and writer (start-up cost, see CalendarDate) against what they
/// replace: DateOnly.TryParseExact and ToString with the invariant culture, over generated text.
/// </summary>
public sealed class CalendarDateTests
{
    private static readonly Gen<string> Digits = Gen.Char["0123456789"].Array[0, 5].Select(c => new string(c));

    private static readonly Gen<string> IsoLike = Gen.Frequency(
        (6, Gen.Select(Gen.Int[1, 9999], Gen.Int[0, 13], Gen.Int[0, 32]).Select((y, m, d) => $"{y:D4}-{m:D2}-{d:D2}")),
        (2, Gen.Select(Digits, Digits, Digits).Select((y, m, d) => $"{y}-{m}-{d}")),
        (1, Gen.Char["0123456789- :/xT"].Array[0, 12].Select(c => new string(c))));

    // Declared before Month, which reads it when the class is initialised.
    private static readonly string[] MonthWords = ["Jan", "feb", "MAR", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "April", "Ap", "Sept", "", "1"];

    private static readonly Gen<string> Month = Gen.Int[0, MonthWords.Length - 1].Select(i => MonthWords[i]);

    [Theory]
    [InlineData("2024-02-29", true)]
    [InlineData("2023-02-29", false)]
    [InlineData("2024-4-10", false)]
    [InlineData(" 2024-04-10", false)]
    [InlineData("0000-01-01", false)]
    [InlineData("0001-01-01", true)] // the first year there is: the boundary, not left to the generated dates
    [InlineData("２０２４-04-10", false)]
    [InlineData("202x-04-10", false)]
    [InlineData("2024-1x-10", false)]
    [InlineData("2024-04-1x", false)]
    public void Reads_iso_dates_as_the_invariant_culture_did(string text, bool valid)
    {
        Assert.Equal(valid, CalendarDate.TryParseIso(text, out _));
        Assert.Equal(Exact(text, "yyyy-MM-dd"), Parsed(CalendarDate.TryParseIso(text, out var date), date));
    }

    [Theory]
    [InlineData("Apr", "10", "2024", true)]
    [InlineData("apr", "1", "2024", true)]
    [InlineData("Apr", "1x", "2024", false)]
    [InlineData("Apr", "10", "20x4", false)]
    [InlineData("Foo", "10", "2024", false)]
    [InlineData("Apr", "31", "2024", false)]
    [InlineData("Jan", "1", "0001", true)]
    [InlineData("Jan", "1", "0000", false)]
    public void Reads_month_day_year_words_as_the_invariant_culture_did(string month, string day, string year, bool valid)
    {
        Assert.Equal(valid, CalendarDate.TryParseMonthDayYear(month, day, year, out _));
        Assert.Equal(Exact($"{month} {day} {year}", "MMM d yyyy"), Parsed(CalendarDate.TryParseMonthDayYear(month, day, year, out var date), date));
    }

    [Fact]
    public void Reads_each_month_name_as_its_month_and_the_first_and_last_day_of_the_year()
    {
        // Spelled out, not left to the generated dates: a seed only fixes CsCheck's first sample.
        string[] months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        for (var number = 1; number <= 12; number++)
        {
            Assert.True(CalendarDate.TryParseMonthDayYear(months[number - 1], "1", "2024", out var date), months[number - 1]);
            Assert.Equal(new DateOnly(2024, number, 1), date);
        }

        Assert.True(CalendarDate.TryParseMonthDayYear("Dec", "31", "2024", out var last));
        Assert.Equal(new DateOnly(2024, 12, 31), last);
        Assert.True(CalendarDate.TryParseIso("2024-12-31", out var lastIso));
        Assert.Equal(new DateOnly(2024, 12, 31), lastIso);
        Assert.False(CalendarDate.TryParseIso("2024-13-01", out _));
        Assert.False(CalendarDate.TryParseIso("2024-00-10", out _));
    }

    [Fact]
    public void Reads_generated_iso_dates_as_TryParseExact_does()
    {
        IsoLike.Sample(text => Assert.Equal(Exact(text, "yyyy-MM-dd"), Parsed(CalendarDate.TryParseIso(text, out var date), date)), iter: 20_000, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Reads_generated_month_day_year_words_as_TryParseExact_does()
    {
        Gen.Select(Month, Digits, Digits).Sample((month, day, year) =>
            Assert.Equal(
                Exact($"{month} {day} {year}", "MMM d yyyy"),
                Parsed(CalendarDate.TryParseMonthDayYear(month, day, year, out var date), date)),
            iter: 20_000, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Writes_every_day_as_the_invariant_culture_does()
    {
        Gen.Int[DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber].Select(DateOnly.FromDayNumber).Sample(
            date => Assert.Equal(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), CalendarDate.Format(date)),
            iter: 20_000, seed: "0N0XIzNsQ0O2");
    }

    private static DateOnly? Exact(string text, string format) =>
        DateOnly.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static DateOnly? Parsed(bool ok, DateOnly date) => ok ? date : null;
}
