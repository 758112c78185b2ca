using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Output;
using KpatchScript.Cli.Plugins;
using KpatchScript.Cli.Settings;
using KpatchScript.Cli.Updates;
using KpatchScript.Reporting;
using KpatchScript.Reporting.Alerts;
using KpatchScript.Reporting.Fleet;
using KpatchScript.Reporting.Rendering;
using KpatchScript.Serialization;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script report</c>: a report for this host (or a target), or for a fleet of collected status documents.</summary>
internal sealed class ReportCommand : ICliCommand
{
    public string Name => ReportSettings.Verb;

    public string Summary => "Render a report (HTML, Markdown, text, JSON) for this host, or for a fleet (HTML, CSV) of collected status documents";

    public OptionTable Options => ReportSettings.Table;

    public string Help => HelpText.Of(Options, """
        A host report opens with the verdict (covered, action needed, not covered, each with its
        reasons), then the patches and their states, the CVEs fixed live and pending, the support
        window and its days left, reboot advice, the verification checks (a patch in transition is
        judged as it is now, not watched), the problems the alert rules find, recent operations
        from the audit journal, and sections added by plugins.

        A fleet report reads every *.json in DIR as the output of 'kpatch-script status --json'
        collected from many hosts by any means: summary counts, hosts needing action first, CVE
        exposure across hosts. A file that is not a status document is listed as unreadable, named
        on stderr, and makes the exit code 1. Documents of one host name count once: the newest is
        shown, the others are listed as duplicates with their own verdict (and noted on stderr);
        unset names and localhost are never merged. The CSV has one row per host and CVE (a host without CVEs: one row);
        cells are RFC 4180-quoted, and text starting with = + - @ gets a leading ' so that a
        spreadsheet does not run it as a formula.

        Templates (Scriban): report.html, report.md, status.txt, fleet.html, fleet.csv, looked up
        file by file in --templates DIR, then templates_directory (/etc/kpatch-script/templates),
        then the shipped ones. --format json prints the report model (schema: report.schema.json).
        """, """
        Exit codes: 0 rendered (whatever the verdict: "not covered" is an answer), 1 failed (a
        template error names the template, line and column; nothing is written) or a fleet file
        was not a status document (the report is still written, and lists it), 2 wrong command line.
        """);

    public static ReportSettings Parse(IReadOnlyList<string> arguments, CliEnvironment environment) =>
        ReportSettings.Table.Read(arguments, reader => ReportSettings.Parse(reader, environment.Defaults.Target));

    IVerbSettings ICliCommand.Parse(IReadOnlyList<string> arguments, CliEnvironment environment) => Parse(arguments, environment);

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var settings = Parse(arguments, environment);
        var config = environment.Config.Reporting;
        var lookup = TemplateLookup.Standard(ReportOutput.TemplatesOption(settings.Templates), config.TemplatesDirectory);
        if (settings.Fleet is not null)
        {
            // The report is whole and lists the unreadable files; the exit code still says the fleet was not all read.
            return FleetReport(settings, lookup, environment) == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        }

        var text = HostReport(settings, config.Alerts, lookup, environment, cancellationToken);
        if (text is null)
        {
            return ExitCodes.Failure;
        }

        ReportOutput.Write(environment, text, settings.Out);
        return ExitCodes.Ok;
    }

    private static string? HostReport(ReportSettings settings, AlertSettings alerts, TemplateLookup lookup, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var plugins = CliPlugins.Load(settings.Plugins, environment);
        var host = environment.Open(settings.Target);
        var facade = new KpatchFacade(host, environment.Time, environment.Settings) { Checks = plugins.VerificationChecks };
        var status = UpdateCheck.Detect(facade, host, environment, settings.CheckUpdates, cancellationToken);
        if (HostCheck.NotAHost(status, host.Name) is { } notAHost)
        {
            environment.Error.WriteLine($"kpatch-script: error: {SafeText.Of(notAHost)}");
            return null;
        }

        var options = new ReportOptions { Alerts = alerts, AlertState = ReadState(environment) };
        var report = HostReports.Builder(environment.Time, plugins.ReportDataContributors, options)
            .BuildAsync(status, facade.VerifyNow(status, cancellationToken), HostReports.ReadJournal(facade, environment.Defaults.InstallRoot), cancellationToken)
            .GetAwaiter().GetResult();
        return settings.Format == "json" ? report.ToJson() : ReportOutput.Guard(() => report.Render(settings.Template, lookup));
    }

    /// <summary>Reads the fleet directory as a stream of compact rows, then writes the report as it goes; returns how many files were unreadable.</summary>
    private static int FleetReport(ReportSettings settings, TemplateLookup lookup, CliEnvironment environment)
    {
        var model = ReportOutput.Guard(() => FleetReportBuilder.Read(settings.Fleet!, environment.Time, environment.Settings.Verdict));
        foreach (var file in model.Unreadable)
        {
            environment.Error.WriteLine(SafeText.Of($"kpatch-script: error: {Path.Combine(settings.Fleet!, file.File)}: {file.Reason}; it is listed in the report as unreadable"));
        }

        foreach (var duplicate in model.Duplicates)
        {
            environment.Error.WriteLine(SafeText.Of($"kpatch-script: note: {Path.Combine(settings.Fleet!, duplicate.File)}: the host name {duplicate.Name} is also in {duplicate.Kept}, which the report shows; this one is listed as a duplicate, not counted"));
        }

        ReportOutput.Write(environment, stream =>
        {
            if (settings.Format == "json")
            {
                model.WriteJson(stream);
                return;
            }

            using var writer = new StreamWriter(stream, leaveOpen: true);
            new TemplateRenderer(lookup).Render(settings.Template, model, writer);
        }, settings.Out);
        // 1, however many: a count here would read as another exit code (2 is a wrong command line).
        return model.Unreadable.Count > 0 ? ExitCodes.Failure : ExitCodes.Ok;
    }

    /// <summary>When problems were first seen, from the alert state (read only); a state that cannot be read only costs those times.</summary>
    private static IReadOnlyList<AlertStateEntry> ReadState(CliEnvironment environment)
    {
        try
        {
            return AlertStateFile.Read(AlertStateFile.PathFor(environment.Settings.StateDirectory));
        }
        catch (AlertStateException ex)
        {
            environment.Error.WriteLine($"kpatch-script: warning: {SafeText.Of(ex.Message)}; the report shows problems as first seen now");
            return [];
        }
    }
}
