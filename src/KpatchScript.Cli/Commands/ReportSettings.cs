using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Commands;

/// <summary>The options of <c>kpatch-script report</c>.</summary>
internal sealed record ReportSettings(string Format, string? Out, string? Templates, string Target, bool CheckUpdates, string? Fleet)
{
    private static readonly string[] HostFormats = ["html", "md", "txt", "json"];

    /// <summary>--plugins directories: their report data contributors add sections, their checks join the verification.</summary>
    public IReadOnlyList<string> Plugins { get; init; } = [];
    private static readonly string[] FleetFormats = ["html", "csv", "json"];

    public static ReportSettings Parse(ArgumentReader reader, string defaultTarget)
    {
        var json = reader.Flag("--json");
        var format = reader.Option("--format");
        var target = reader.Option("--target");
        var settings = new ReportSettings("", reader.Option("--out"), reader.Option("--templates"), target ?? defaultTarget, reader.Flag("--check-updates"), reader.Option("--fleet"))
        {
            Plugins = reader.Options(KpatchScript.Cli.Plugins.CliPlugins.Option),
        };
        reader.EnsureConsumed();
        if (json && format is not null && format != "json")
        {
            throw new UsageException($"--json is --format json; it cannot go with --format {format}");
        }

        var formats = settings.Fleet is null ? HostFormats : FleetFormats;
        // No --format: the extension of --out decides when it names one, else text for a host and HTML for a fleet.
        format ??= json ? "json" : FromExtension(settings.Out, formats) ?? (settings.Fleet is null ? "txt" : "html");
        if (Array.IndexOf(formats, format) < 0)
        {
            throw new UsageException($"--format {format} is not one of {string.Join(", ", formats)}{(settings.Fleet is null ? "" : " for --fleet")}; see 'kpatch-script report --help'");
        }

        if (settings.Fleet is not null && (settings.CheckUpdates || (target ?? "local") != "local"))
        {
            throw new UsageException("--fleet reads status documents: --target and --check-updates do not apply (collect them with 'kpatch-script status --json --check-updates')");
        }

        if (settings.Fleet is not null && settings.Plugins.Count > 0)
        {
            throw new UsageException("--fleet reads status documents: --plugins does not apply (plugins add sections and checks to a host report)");
        }

        return settings with { Format = format };
    }

    /// <summary>The template of a format: report.html, report.md, status.txt; fleet.html, fleet.csv.</summary>
    public string Template => Fleet is null ? (Format == "txt" ? "status.txt" : $"report.{Format}") : $"fleet.{Format}";

    private static string? FromExtension(string? file, string[] formats) =>
        Path.GetExtension(file)?.TrimStart('.') is { Length: > 0 } extension && Array.IndexOf(formats, extension) >= 0 ? extension : null;
}
