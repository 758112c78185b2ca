using System.Text.RegularExpressions;

namespace KpatchScript.Parsing;

/// <summary>
/// Red Hat changelogs name fixed CVEs in braces at the end of an item:
/// <c>- kernel: ... [2056875] {CVE-2022-25636}</c>, sometimes several in one brace.
/// </summary>
internal static partial class CveExtractor
{
    public static IReadOnlyList<string> Extract(string changelog) =>
        BraceGroup().Matches(changelog)
            .SelectMany(m => CveId().Matches(m.Groups[1].Value).Select(c => c.Value))
            .Distinct(StringComparer.Ordinal)
            .Order(RpmVersionComparer.Instance) // year, then number: CVE-2023-4622 before CVE-2023-42753
            .ToList();

    [GeneratedRegex(@"\{(CVE-\d{4}-\d{4,}(?:[,\s]+CVE-\d{4}-\d{4,})*)\}")]
    private static partial Regex BraceGroup();

    [GeneratedRegex(@"CVE-\d{4}-\d{4,}")]
    private static partial Regex CveId();
}
