using KpatchScript.Alerts;
using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Output;
using KpatchScript.Cli.Plugins;
using KpatchScript.Cli.Settings;
using KpatchScript.Cli.Updates;
using KpatchScript.Reporting;
using KpatchScript.Reporting.Alerts;
using KpatchScript.Reporting.Rendering;
using KpatchScript.Serialization;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script alerts</c>: evaluate the alert rules, deduplicate against the state file, deliver to the sinks.</summary>
internal sealed class AlertsCommand : ICliCommand
{
    public string Name => AlertsSettings.Verb;

    public string Summary => "Evaluate the alert rules and send what is new (deduplicated for timers); --dry-run shows what would be sent";

    public OptionTable Options => AlertsSettings.Table;

    public string Help => HelpText.Of(Options, """
        Evaluates the alert rules over the status and verification of the host (a patch in
        transition is judged as it is now): patch-available (needs --check-updates),
        installed-not-loaded, transition-stalled (after alerts.rules.transition-stalled.minutes, 10),
        verification-failed, kernel-not-covered (support window ended), support-window-ending
        (within alerts.rules.support-window-ending.days, 30), reboot-recommended,
        livepatch-unsupported (when alerts.expect_livepatch, true). Each rule has enabled and
        severity (info, warning, critical) in the configuration file.

        Deduplication: the state file (var/lib/kpatch-script/alert-state.json under
        state_directory) remembers each problem, so a timer running every 15 minutes sends one
        notification per problem, again after alerts.renotify_hours (24; 0: never), and one
        resolution notice when it clears. A rule that cannot judge (what it needs is unknown)
        neither fires nor resolves. Notifications are rendered with alert.txt and alert.json and
        delivered to the sinks: stdout (alerts.stdout, true), a file (alerts.file.path, written
        atomically) and plugin sinks. When a sink fails, the state is not advanced: the next run
        sends the same notifications again. A corrupt state file is an error and is left as it is.
        """, """
        Exit codes: 0 evaluated and delivered (whether or not anything fired), 1 failed (a sink,
        the state file, a template; one line each), 2 wrong command line.
        """);

    public static AlertsSettings Parse(IReadOnlyList<string> arguments, CliEnvironment environment) =>
        AlertsSettings.Table.Read(arguments, reader => AlertsSettings.Parse(reader, environment.Defaults.Target));

    IVerbSettings ICliCommand.Parse(IReadOnlyList<string> arguments, CliEnvironment environment) => Parse(arguments, environment);

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var settings = Parse(arguments, environment);
        var (dryRun, json, checkUpdates) = (settings.DryRun, settings.Json, settings.CheckUpdates);
        var (pluginDirectories, templates, target) = (settings.Plugins, settings.Templates, settings.Target);
        var config = environment.Config.Reporting;
        var lookup = TemplateLookup.Standard(ReportOutput.TemplatesOption(templates), config.TemplatesDirectory);
        var statePath = AlertStateFile.PathFor(environment.Settings.StateDirectory);
        var state = ReportOutput.Guard(() => ReadState(statePath));

        var plugins = CliPlugins.Load(pluginDirectories, environment);
        var host = environment.Open(target);
        var facade = new KpatchFacade(host, environment.Time, environment.Settings) { Checks = plugins.VerificationChecks };
        var status = UpdateCheck.Detect(facade, host, environment, checkUpdates, cancellationToken);
        var outcome = ReportOutput.Guard(() => new AlertRun(environment.Time, config.Alerts, lookup).Evaluate(status, facade.VerifyNow(status, cancellationToken), state));
        if (dryRun)
        {
            return DryRun(outcome, environment, json, statePath);
        }

        var sinks = new List<IAlertSink>();
        if (config.Alerts.Stdout && !json)
        {
            sinks.Add(new StdoutSink(environment.Out));
        }

        if (config.Alerts.FilePath is { } file)
        {
            sinks.Add(new FileSink(file, config.Alerts.FileFormat));
        }

        // Plugin sinks run on every evaluation, notifications or not: exporters refresh what they publish.
        sinks.AddRange(plugins.AlertSinks);
        var results = AlertDelivery.DeliverAsync(outcome.Batch, sinks, cancellationToken).GetAwaiter().GetResult();
        var failed = results.Where(r => r.Result == "failed").ToList();
        if (failed.Count == 0)
        {
            ReportOutput.Guard(() => WriteState(statePath, outcome.Tracked.State));
        }

        if (json)
        {
            environment.Out.WriteLine(ModelJson.Write(AlertRun.Json(outcome, results, dryRun: false, statePath)));
        }

        foreach (var failure in failed)
        {
            environment.Error.WriteLine(SafeText.Of($"kpatch-script: error: alert sink '{failure.Sink}' failed: {failure.Error}; the alert state is not advanced, so the next run sends these notifications again"));
        }

        return failed.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static int DryRun(AlertOutcome outcome, CliEnvironment environment, bool json, string statePath)
    {
        if (json)
        {
            var skipped = new[] { new SinkResult("all", "skipped", "dry run: nothing is delivered and the state is not changed") };
            environment.Out.WriteLine(ModelJson.Write(AlertRun.Json(outcome, skipped, dryRun: true, statePath)));
            return ExitCodes.Ok;
        }

        var tracked = outcome.Tracked;
        environment.Out.WriteLine(VerdictLine.Of(outcome.Verdict));
        environment.Out.WriteLine($"dry run: {tracked.Notifications.Count} notification(s) would be sent; {tracked.Active.Count} problem(s) active, {tracked.Pending.Count} pending; nothing is delivered, the state is not changed");
        // alert.txt escaped every value it rendered (OutputFormat: .txt shows control characters as escapes).
        if (outcome.Batch.RenderedText is { } text)
        {
            environment.Out.Write(text);
        }

        foreach (var rule in outcome.Rules.Undetermined)
        {
            environment.Out.WriteLine(SafeText.Of($"not judged: {rule.Rule}: {rule.Reason}"));
        }

        return ExitCodes.Ok;
    }

    private static IReadOnlyList<AlertStateEntry> ReadState(string path)
    {
        try
        {
            return AlertStateFile.Read(path);
        }
        catch (AlertStateException ex)
        {
            throw new IOException(ex.Message, ex);
        }
    }

    private static int WriteState(string path, IReadOnlyList<AlertStateEntry> entries)
    {
        try
        {
            AlertStateFile.Write(path, entries);
            return 0;
        }
        catch (AlertStateException ex)
        {
            throw new IOException(ex.Message, ex);
        }
    }
}
