namespace KpatchScript.Parsing;

/// <summary>
/// The two date forms kpatch-script reads and the one it writes, by hand: <c>2024-04-10</c> and
/// <c>Apr 10 2024</c> (the kernel's build date). DateOnly.TryParseExact and ToString("yyyy-MM-dd")
/// load the culture and calendar machinery on status's start-up path: 3.9 ms of a traced status
/// run (2026-12-06), for three dates.
/// </summary>
public static class CalendarDate
{
    /// <summary>The invariant culture's abbreviated month names, which "MMM" matched (case-insensitively).</summary>
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary><c>yyyy-MM-dd</c> exactly: four-digit year, two-digit month and day, a real day.</summary>
    public static bool TryParseIso(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        return text.Length == 10 && text[4] == '-' && text[7] == '-'
            && Digits(text[..4], out var year) && Digits(text[5..7], out var month) && Digits(text[8..], out var day)
            && TryCreate(year, month, day, out date);
    }

    /// <summary>
    /// A month abbreviation (<c>Apr</c>), a day of one or two digits and a four-digit year, as three words.
    /// </summary>
    public static bool TryParseMonthDayYear(string month, string day, string year, out DateOnly date)
    {
        date = default;
        // An unknown month is 0 (FindIndex's -1, plus one), which TryCreate refuses.
        var monthNumber = Array.FindIndex(Months, m => m.Equals(month, StringComparison.OrdinalIgnoreCase)) + 1;
        return day.Length is 1 or 2 && Digits(day, out var dayNumber)
            && year.Length == 4 && Digits(year, out var yearNumber)
            && TryCreate(yearNumber, monthNumber, dayNumber, out date);
    }

    /// <summary><c>yyyy-MM-dd</c>.</summary>
    public static string Format(DateOnly date) =>
        string.Create(10, date, static (chars, d) =>
        {
            Write(chars[..4], d.Year);
            chars[4] = '-';
            Write(chars[5..7], d.Month);
            chars[7] = '-';
            Write(chars[8..], d.Day);
        });

    private static bool TryCreate(int year, int month, int day, out DateOnly date)
    {
        var valid = year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
        date = valid ? new DateOnly(year, month, day) : default;
        return valid;
    }

    private static bool Digits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        // Stryker disable once Equality : callers pass 1, 2 or 4 characters, and an empty run's 0 is no year, month or day to TryCreate
        return text.Length > 0;
    }

    private static void Write(Span<char> chars, int value)
    {
        for (var i = chars.Length - 1; i >= 0; i--, value /= 10)
        {
            chars[i] = (char)('0' + (value % 10));
        }
    }
}
