using KpatchScript.Parsing;
using KpatchScript.Status;

namespace KpatchScript.Detection;

/// <summary>
/// Until when the running kernel gets live patches, from the best source there is (see
/// <see cref="SupportWindow"/>): configuration, the lifecycle data file, the repositories, and
/// last the estimate from the kernel's build date, which says it is one. A kernel the repositories
/// say is not eligible has no window: unknown, with that reason, never a year it will not get.
/// </summary>
internal static class SupportWindowEstimator
{
    public const string ProcVersion = "/proc/version";

    public static Reading<SupportWindow> Estimate(HostReader reader, KpatchSettings settings, DateTimeOffset now, Reading<string> running, Reading<KernelEligibility> eligibility)
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
        SupportWindow Window(DateOnly ends, string basis, string source) =>
            new(source == SupportWindow.FromEstimate, Format(built), Format(ends), ends.DayNumber - today.DayNumber, basis) { Source = source };

        if (settings.SupportWindowEnd is { } configured)
        {
            return Reading.Known(Window(configured, "end date set in configuration (support_window_end)", SupportWindow.FromConfiguration));
        }

        if (settings.SupportWindowFile is { } file && running.IsKnown)
        {
            SupportLifecycleFile lifecycle;
            try
            {
                lifecycle = SupportLifecycleFile.Read(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A configured source that cannot be read is not replaced by a guess without a word.
                return Reading.Unknown<SupportWindow>($"the support window file cannot be read: {ex.Message}");
            }

            if (lifecycle.Find(running.Value!) is { } row)
            {
                var stream = row.Stream is null ? "" : $", {row.Stream}";
                return Reading.Known(Window(row.Ends, $"lifecycle data {lifecycle.Path} ({lifecycle.Source}, {lifecycle.Date}): kernel {row.Release}{stream}", SupportWindow.FromLifecycleFile) with { Stream = row.Stream });
            }
        }

        switch (eligibility)
        {
            case { IsKnown: true, Value.Eligible: false }:
                return Reading.Unknown<SupportWindow>($"kernel {eligibility.Value!.Kernel} is not kpatch-eligible: no package in the enabled repositories provides kpatch-patch = {eligibility.Value.Kernel}, so it gets no live patches");
            case { IsKnown: true, Value.FirstPackageBuilt: { } first } when CalendarDate.TryParseIso(first, out var starts):
                return Reading.Known(Window(starts.AddDays(settings.SupportWindowDays),
                    $"first kpatch-patch package for this kernel built {first} ({eligibility.Value!.Packages[0]}) + {settings.SupportWindowDays} days: Red Hat offers live patches for an eligible kernel for up to a year from then (EUS longer: set support_window_days or support_window_file)",
                    SupportWindow.FromRepositories) with { Starts = first });
        }

        var why = eligibility.IsKnown ? "" : "; --check-updates asks the repositories for the first live patch package instead";
        return Reading.Known(Window(built.AddDays(settings.SupportWindowDays),
            $"kernel build date + {settings.SupportWindowDays} days; Red Hat offers live patches for eligible kernels for up to a year (EUS longer: set support_window_days){why}",
            SupportWindow.FromEstimate));
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

        var timeAt = words.Length > 1 && IsTime(words[^2]) ? words.Length - 2 : words.Length - 3;
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
