using KpatchScript.Parsing;
using KpatchScript.Status;

namespace KpatchScript.Detection;

/// <summary>Estimates the live-patch support window from the running kernel's build date.</summary>
internal static class SupportWindowEstimator
{
    public const string ProcVersion = "/proc/version";

    public static Reading<SupportWindow> Estimate(HostReader reader, KpatchSettings settings, DateTimeOffset now)
    {
        var procVersion = reader.ReadText(ProcVersion);
        if (!procVersion.IsKnown)
        {
            return Reading.Unknown<SupportWindow>(procVersion.UnknownReason!);
        }

        if (!TryParseBuildDate(procVersion.Value!, out var built, out var unknownReason))
        {
            return Reading.Unknown<SupportWindow>(unknownReason);
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var (ends, basis) = settings.SupportWindowEnd is { } configured
            ? (configured, "end date set in configuration (support_window_end)")
            : (built.AddDays(settings.SupportWindowDays),
               $"kernel build date + {settings.SupportWindowDays} days; Red Hat offers live patches for eligible kernels for up to a year (EUS longer: set support_window_days)");
        return Reading.Known(new SupportWindow(true, Format(built), Format(ends), ends.DayNumber - today.DayNumber, basis));
    }

    /// <summary>
    /// The date at the end of <c>/proc/version</c>: <c>#1 SMP PREEMPT_DYNAMIC Wed Apr 10 10:29:16 EDT 2024</c>
    /// (the time zone is optional), or Debian's <c>#1 SMP PREEMPT_DYNAMIC Debian 6.1.158-1 (2025-11-09)</c>.
    /// Parsed by hand: a Regex or TryParseExact here would cost start-up time (see CalendarDate).
    /// Not a <c>Reading&lt;DateOnly&gt;</c>: ReadyToRun cannot precompile that instantiation (DateOnly's
    /// layout belongs to the runtime), so it was compiled at run time on every <c>status</c>.
    /// </summary>
    internal static bool TryParseBuildDate(string procVersion, out DateOnly built, out string unknownReason)
    {
        built = default;
        unknownReason = "";
        var words = procVersion.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 0 && words[^1] is ['(', .., ')'] debian
            && CalendarDate.TryParseIso(debian.AsSpan(1, debian.Length - 2), out built))
        {
            return true;
        }

        var timeAt = words.Length >= 2 && IsTime(words[^2]) ? words.Length - 2 : words.Length - 3;
        if (timeAt >= 2 && IsTime(words[timeAt]) && CalendarDate.TryParseMonthDayYear(words[timeAt - 2], words[timeAt - 1], words[^1], out built))
        {
            return true;
        }

        unknownReason = NoBuildDate(words);
        return false;
    }

    /// <summary>The reason quotes what the file ends with, so the admin sees what was read, not only what was expected.</summary>
    private static string NoBuildDate(string[] words) =>
        words.Length == 0
            ? $"{ProcVersion} is empty, so the kernel's build date is unknown"
            : $"{ProcVersion} ends with '{Tail(string.Join(' ', words))}', not a build date (like 'Wed Apr 10 10:29:16 EDT 2024' or Debian's '(2024-04-10)')";

    /// <summary>The end of the text, where the date would be: at most 48 characters, "..." before a cut.</summary>
    private static string Tail(string text) => text.Length <= 48 ? text : "..." + text[^48..];

    /// <summary>hh:mm:ss. A loop, not LINQ over chars: this runs on status's start-up path, where LINQ over a value type is compiled at run time.</summary>
    private static bool IsTime(string word)
    {
        if (word.Length != 8)
        {
            return false;
        }

        for (var i = 0; i < word.Length; i++)
        {
            if (i is 2 or 5 ? word[i] != ':' : !char.IsAsciiDigit(word[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string Format(DateOnly date) => CalendarDate.Format(date);
}
