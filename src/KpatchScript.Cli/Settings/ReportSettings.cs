using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>The options of <c>kpatch-script report</c>, for a host or, with --fleet, for collected status documents.</summary>
/// <param name="GivenFormat">--format as given; <see cref="Format"/> is the one that applies.</param>
/// <param name="Json">--json: print JSON.</param>
/// <param name="Out">--out: the file to write instead of stdout.</param>
/// <param name="Templates">--templates: where templates are looked for first.</param>
/// <param name="GivenTarget">--target as given; <see cref="Target"/> is the one that applies.</param>
/// <param name="CheckUpdates">--check-updates: ask dnf for newer live patches too.</param>
/// <param name="Fleet">--fleet: the directory of status documents, for a fleet report.</param>
/// <param name="Plugins">--plugins directories: their report data contributors add sections, their checks join the verification.</param>
/// <param name="DefaultTarget">The configured target, for when --target is not given.</param>
internal sealed record ReportSettings(string? GivenFormat, bool Json, string? Out, string? Templates, string? GivenTarget, bool CheckUpdates, string? Fleet, IReadOnlyList<string> Plugins, string DefaultTarget)
    : IVerbSettings
{
    public const string Verb = "report";

    private static readonly string[] HostFormats = ["html", "md", "txt", "json"];
    private static readonly string[] FleetFormats = ["html", "csv", "json"];

    private static readonly Option FormatOption = new("--format", "FORMAT", "html, md, txt or json (fleet: html, csv or json); default: from the\n--out extension, else txt (fleet: html)");
    private static readonly Option JsonOption = SharedOptions.Json.WithHelp("The same as --format json");
    private static readonly Option OutOption = new("--out", "FILE", "Write to FILE (whole or not at all: a temporary file renamed over it)\ninstead of stdout");
    private static readonly Option CheckUpdatesOption = SharedOptions.CheckUpdates.WithHelp("Also ask dnf for newer live patches (updates then count in the verdict)");
    private static readonly Option PluginsOption = SharedOptions.Plugins.WithHelp("A plugin directory, searched before the configured ones: its report\ndata contributors add sections, its checks join the verification");
    private static readonly Option FleetOption = new("--fleet", "DIR", "A fleet report over the status documents (status --json) in DIR");

    public static readonly OptionTable Table = new(Verb, [FormatOption, JsonOption, OutOption, SharedOptions.Templates, SharedOptions.Target, CheckUpdatesOption, PluginsOption, FleetOption, SharedOptions.Verbose])
    {
        Forms =
        [
            new UsageForm(""),
            new UsageForm("", Required: [FleetOption], Only: [FormatOption, JsonOption, OutOption, SharedOptions.Templates, SharedOptions.Verbose]),
        ],
    };

    public static ReportSettings Parse(ArgumentReader reader, string defaultTarget) => new(
        reader.Value(FormatOption),
        reader.Flag(JsonOption),
        reader.Value(OutOption),
        reader.Value(SharedOptions.Templates),
        reader.Value(SharedOptions.Target),
        reader.Flag(CheckUpdatesOption),
        reader.Value(FleetOption),
        reader.Values(PluginsOption),
        defaultTarget);

    /// <summary>--target, else the configured target.</summary>
    public string Target => GivenTarget ?? DefaultTarget;

    /// <summary>--format; without it, the extension of --out when it names one, else text for a host and HTML for a fleet.</summary>
    public string Format => GivenFormat ?? (Json ? "json" : FromExtension(Out, Formats) ?? (Fleet is null ? "txt" : "html"));

    /// <summary>The template of a format: report.html, report.md, status.txt; fleet.html, fleet.csv.</summary>
    public string Template => Fleet is null ? (Format == "txt" ? "status.txt" : $"report.{Format}") : $"fleet.{Format}";

    private string[] Formats => Fleet is null ? HostFormats : FleetFormats;

    public void Validate()
    {
        if (Json && GivenFormat is not null && GivenFormat != "json")
        {
            throw new UsageException($"--json is --format json; it cannot go with --format {GivenFormat}");
        }

        if (Array.IndexOf(Formats, Format) < 0)
        {
            throw new UsageException($"--format {Format} is not one of {string.Join(", ", Formats)}{(Fleet is null ? "" : " for --fleet")}; see 'kpatch-script report --help'");
        }

        if (Fleet is not null && (CheckUpdates || (GivenTarget ?? "local") != "local"))
        {
            throw new UsageException("--fleet reads status documents: --target and --check-updates do not apply (collect them with 'kpatch-script status --json --check-updates')");
        }

        if (Fleet is not null && Plugins.Count > 0)
        {
            throw new UsageException("--fleet reads status documents: --plugins does not apply (plugins add sections and checks to a host report)");
        }
    }

    private static string? FromExtension(string? file, string[] formats) =>
        Path.GetExtension(file)?.TrimStart('.') is { Length: > 0 } extension && Array.IndexOf(formats, extension) >= 0 ? extension : null;
}
