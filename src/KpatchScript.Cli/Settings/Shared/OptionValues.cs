using System.Globalization;
using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>
/// Numbers on the command line. Parsing only says whether a value is a number; whether it is in
/// range is the settings' <see cref="IVerbSettings.Validate"/>, with the same message.
/// </summary>
internal static class OptionValues
{
    /// <summary>A whole number (a sign allowed, so that Validate can name a negative one), or null when the option is absent.</summary>
    public static int? WholeNumber(string? text, string optionName, string expected) =>
        text is null ? null
        : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number
        : throw new UsageException($"{optionName} needs {expected}, not '{text}'");

    /// <summary>A number of seconds, fractions allowed (a script's --timeout).</summary>
    public static TimeSpan? Seconds(string? text, string optionName, string expected) =>
        text is null ? null
        : double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) && Math.Abs(seconds) < TimeSpan.MaxValue.TotalSeconds ? TimeSpan.FromSeconds(seconds)
        : throw new UsageException($"{optionName} needs {expected}, not '{text}'");

    /// <summary>Refuses a duration of zero or less.</summary>
    public static void RequirePositive(TimeSpan? value, string optionName, string expected)
    {
        if (value is { } given && given <= TimeSpan.Zero)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{optionName} needs {expected}, not '{given.TotalSeconds}'"));
        }
    }
}
