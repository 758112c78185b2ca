using KpatchScript.Host;
using KpatchScript.Parsing;
using KpatchScript.Status;

namespace KpatchScript.Packages;

/// <summary>Reads dnf's output: query lines, changelog blocks, and errors as one line for people.</summary>
internal static class DnfOutput
{
    /// <summary>One line of <see cref="DnfCommands.Format"/>; an epoch of 0 (dnf prints 0 for none) is kept as none.</summary>
    internal sealed record PackageLine(string Name, string? Epoch, string Version, string Release, string Arch)
    {
        /// <summary>name-[epoch:]version-release.arch, as dnf names a package (and heads its changelog): the epoch only when there is one.</summary>
        public string Nevra => $"{Name}-{Evr}.{Arch}";

        public RpmEvr Evr => RpmEvr.OfPackage(Epoch, Version, Release);
    }

    public static Reading<IReadOnlyList<PackageLine>> ParsePackages(string output)
    {
        var packages = new List<PackageLine>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Trim().Split('\t');
            if (fields.Length != 5 || PackageOf(fields) is not { } package)
            {
                return Reading.Unknown<IReadOnlyList<PackageLine>>($"unexpected dnf output: '{TextClip.Clip(line)}'");
            }

            packages.Add(package);
        }

        return Reading.Known<IReadOnlyList<PackageLine>>(packages);
    }

    /// <summary>Lines of <see cref="DnfCommands.FormatWithBuildTime"/>: each package and the day (UTC) it was built.</summary>
    public static Reading<IReadOnlyList<(PackageLine Package, DateOnly Built)>> ParseBuiltPackages(string output)
    {
        var packages = new List<(PackageLine, DateOnly)>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Trim().Split('\t');
            if (fields.Length != 6 || PackageOf(fields[..5]) is not { } package || !TryParseBuildTime(fields[5], out var built))
            {
                return Reading.Unknown<IReadOnlyList<(PackageLine, DateOnly)>>($"unexpected dnf output: '{TextClip.Clip(line)}'");
            }

            packages.Add((package, built));
        }

        return Reading.Known<IReadOnlyList<(PackageLine, DateOnly)>>(packages);
    }

    /// <summary>
    /// The capabilities after <c>NAME = </c> in <c>repoquery --provides</c> output
    /// (<c>kpatch-patch = 5.14.0-427.13.1.el9_4.x86_64</c> gives the release), each once, in order.
    /// </summary>
    public static IReadOnlyList<string> ProvidedValues(string output, string capability)
    {
        var prefix = capability + " = ";
        var values = new List<string>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal) && line[prefix.Length..].Trim() is { Length: > 0 } value && !values.Contains(value))
            {
                values.Add(value);
            }
        }

        return values;
    }

    /// <summary>dnf 4's <c>yyyy-MM-dd HH:mm</c> (UTC), or dnf 5's seconds since 1970.</summary>
    internal static bool TryParseBuildTime(string text, out DateOnly built)
    {
        built = default;
        if (text.Length > 0 && text.All(char.IsAsciiDigit) && long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            && seconds is > 0 and < 253402300800)
        {
            built = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime);
            return true;
        }

        return text.Length >= 10 && CalendarDate.TryParseIso(text.AsSpan(0, 10), out built);
    }

    private static PackageLine? PackageOf(string[] fields)
    {
        if (fields.Any(f => f.Length == 0 || f.Contains(' ', StringComparison.Ordinal)) || !fields[1].All(char.IsAsciiDigit))
        {
            return null;
        }

        var evr = RpmEvr.OfPackage(fields[1], fields[2], fields[3]);
        return new PackageLine(fields[0], evr.Epoch, fields[2], fields[3], fields[4]);
    }

    /// <summary>Changelog text per package from <c>repoquery --changelogs</c>: "Changelog for NEVRA" starts each block.</summary>
    public static IReadOnlyDictionary<string, string> ParseChangelogs(string output)
    {
        const string header = "Changelog for ";
        var blocks = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        var text = new System.Text.StringBuilder();
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith(header, StringComparison.Ordinal))
            {
                Flush();
                current = line[header.Length..].Trim();
                continue;
            }

            text.Append(line).Append('\n');
        }

        Flush();
        return blocks;

        void Flush()
        {
            if (current is not null)
            {
                blocks[current] = text.ToString();
            }

            text.Clear();
        }
    }

    /// <summary>The ids in <c>dnf repolist</c>'s output: the first word of each line after the "repo id" header.</summary>
    public static IReadOnlyList<string> RepositoryIds(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("repo id", StringComparison.Ordinal))
            .Select(line => line.Split([' ', '\t'], 2)[0])
            .ToList();

    /// <summary>dnf succeeded without changing anything: it prints "Nothing to do." on a line of its own.</summary>
    public static bool NothingToDo(CommandResult result) =>
        result.Succeeded && result.StandardOutput.Split('\n').Any(line => line.Trim() == "Nothing to do.");

    /// <summary>
    /// dnf found no installed package for the argument: remove says "No match for argument" (and
    /// "Nothing to do.", exit 0), downgrade "Packages for argument ... available, but not installed." (exit 1).
    /// </summary>
    public static bool SaysNotInstalled(CommandResult result) =>
        (result.StandardError + "\n" + result.StandardOutput).Split('\n')
            .Any(line => line.StartsWith("No match for argument", StringComparison.Ordinal) || line.TrimEnd().EndsWith("available, but not installed.", StringComparison.Ordinal));

    /// <summary>dnf's own line of a failure: its "Error:" line, else its first line, else the exit code.</summary>
    public static string ErrorLine(CommandResult result) => ErrorLine(Lines(result), result.ExitCode);

    private static string ErrorLine(List<string> lines, int exitCode) =>
        lines.FirstOrDefault(l => l.StartsWith("Error:", StringComparison.Ordinal)) ?? lines.FirstOrDefault() ?? $"exit code {exitCode}";

    private static List<string> Lines(CommandResult result) =>
        (result.StandardError + "\n" + result.StandardOutput).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    /// <summary>dnf said it has no package of that name or provide ("Unable to find a match").</summary>
    public static bool FoundNoMatch(string errorLine) =>
        errorLine.Contains("Unable to find a match", StringComparison.Ordinal) || errorLine.Contains("No packages marked for upgrade", StringComparison.Ordinal);

    /// <summary>One line that says what went wrong, with dnf's own words where it gave some.</summary>
    public static string? FailureOf(string operation, CommandResult result)
    {
        if (result.Succeeded)
        {
            return null;
        }

        var lines = Lines(result);
        var error = ErrorLine(lines, result.ExitCode);
        if (FoundNoMatch(error))
        {
            return $"dnf {operation}: no package in the enabled repositories provides it ({error}); Red Hat publishes live patches for selected kernels only: check 'kpatch-script available' and your subscription";
        }

        if (error.Contains("Failed to download metadata", StringComparison.Ordinal) || error.Contains("Cannot download", StringComparison.Ordinal))
        {
            return $"dnf {operation}: a repository is unreachable ({error}); check the network and the repository configuration, then retry";
        }

        // dnf downgrade NAME-VERSION-RELEASE.ARCH of a version no repository carries: its last line
        // ("No packages marked for downgrade.") hides the line that names the version.
        if (lines.FirstOrDefault(l => l.StartsWith("No package ", StringComparison.Ordinal) && l.EndsWith(" available.", StringComparison.Ordinal)) is { } missing)
        {
            return $"dnf {operation}: that version is not in the enabled repositories ({missing}); 'dnf --showduplicates list kpatch-patch-*' lists the versions they carry";
        }

        if (error.Contains("No such command: kpatch", StringComparison.Ordinal))
        {
            return $"dnf {operation}: dnf has no kpatch command: install the kpatch-dnf package";
        }

        return $"dnf {operation} failed with exit code {result.ExitCode}: {error}";
    }
}
