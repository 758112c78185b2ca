using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>The options of <c>kpatch-script exposure</c>.</summary>
/// <param name="Json">--json.</param>
/// <param name="Target">--target, or the configured one.</param>
/// <param name="CheckUpdates">--check-updates: ask dnf too (eligibility, updates), as status does.</param>
/// <param name="Cves">The values of <c>--cve</c>: show only these CVEs.</param>
internal sealed record ExposureSettings(bool Json, string Target, bool CheckUpdates, IReadOnlyList<string> Cves) : IVerbSettings
{
    public const string Verb = "exposure";

    private static readonly Option JsonOption = SharedOptions.Json.WithHelp("Print {\"schema_version\": 2, \"target\", \"exposure\"}: the exposure object of\nstatus --json (host-status.schema.json $defs/exposure)");
    private static readonly Option CveOption = new("--cve", "CVE-YYYY-NNNN", "Show only this CVE (repeatable); one the mirror does not name for the\nhost's kernel is said so", Repeatable: true);

    public static readonly OptionTable Table = new(Verb, [CveOption, JsonOption, SharedOptions.CheckUpdates, SharedOptions.Target, SharedOptions.Verbose]);

    public static ExposureSettings Parse(ArgumentReader reader, string defaultTarget) =>
        new(reader.Flag(JsonOption), reader.Value(SharedOptions.Target) ?? defaultTarget, reader.Flag(SharedOptions.CheckUpdates), reader.Values(CveOption));

    /// <summary>Every --cve is a CVE id: a typo is a wrong command line, not a CVE the mirror lacks.</summary>
    public void Validate()
    {
        foreach (var cve in Cves)
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(cve, "^CVE-[0-9]{4}-[0-9]{4,}$"))
            {
                throw new UsageException($"--cve takes a CVE id like CVE-2024-26581, not '{cve}'");
            }
        }
    }
}
