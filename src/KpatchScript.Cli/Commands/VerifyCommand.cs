using System.Globalization;
using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Output;
using KpatchScript.Cli.Plugins;
using KpatchScript.Cli.Settings;
using KpatchScript.Cli.Updates;
using KpatchScript.Serialization;
using KpatchScript.Verdicts;
using KpatchScript.Verification;

namespace KpatchScript.Cli.Commands;

/// <summary>
/// <c>kpatch-script verify</c>: are the live patches doing what they should, and is the host covered?
/// Exits with the verdict in Nagios codes: 0 only for covered; 3 only when the host could not be
/// read, or a plugin's check got no answer (its process ended, crashed or hung).
/// </summary>
internal sealed class VerifyCommand : ICliCommand
{
    /// <summary>Nagios plugin API: the host could not be read at all (no verdict), or the verification is incomplete (a plugin's check got no answer).</summary>
    public const int Unknown = 3;

    public string Name => VerifySettings.Verb;

    public string Summary => "Check that live patches are loaded, enabled, complete and built for this kernel; exit with the verdict (Nagios codes)";

    public OptionTable Options => VerifySettings.Table;

    public string Help => HelpText.Of(Options, """
        Runs named checks, each pass / warn / fail / skip (with the reason): installed modules for
        the running kernel are loaded; loaded patches are enabled; no patch is stuck in transition
        (on a live host a transition is watched for transition_timeout_seconds, 60 by default, then
        named with the tasks it waits for); objects are patched; the live patch taint is set; each
        module is built for the running kernel (vermagic) and whether it is signed; reboot advice.
        Then the plugins' checks, named <Plugin>:<check>, each run in a process of its plugin's,
        several plugins at once. A plugin check that throws fails with the reason. One that gets no
        answer (it ends its process: an exit, a crash; or it does not answer within
        plugin_timeout_seconds, 10) fails naming the plugin, and so does <Plugin>:load for a plugin
        that could not be loaded; the verification is then incomplete and exits 3 (UNKNOWN).

        Then the verdict, the same status, report, alerts and the Cockpit panel show: covered /
        action needed / not covered, with coded reasons. Checks that all pass or skip are not by
        themselves an all-clear: nothing installed for the running kernel, a support window that
        ended or a kernel that cannot be live patched are reasons of the verdict. A site accepts a
        reason by its code with the configuration key verdict.downgrade (src/KpatchScript.Cli/README.md: The verdict),
        never by default.

        --json and --nagios are alternatives: one of them, or neither (text).
        """, """
        Exit codes (Nagios, from the verdict): 0 OK (covered), 1 WARNING (action needed),
        2 CRITICAL (not covered), 3 UNKNOWN (the host could not be read at all: an unreachable
        target, a tree that is not a host, a broken configuration, one line on stderr; or a
        plugin's check got no answer, named, with the verdict it leaves: never better than
        not covered).
        A wrong command line exits 2.
        """);

    public static VerifySettings Parse(IReadOnlyList<string> arguments, CliEnvironment environment) =>
        VerifySettings.Table.Read(arguments, reader => VerifySettings.Parse(reader, environment.Defaults.Target));

    IVerbSettings ICliCommand.Parse(IReadOnlyList<string> arguments, CliEnvironment environment) => Parse(arguments, environment);

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var settings = Parse(arguments, environment);
        var (json, nagios, checkUpdates, target, pluginDirectories) = (settings.Json, settings.Nagios, settings.CheckUpdates, settings.Target, settings.Plugins);
        var plugins = CliPlugins.LoadChecks(pluginDirectories, environment);
        var host = environment.Open(target);
        var facade = new KpatchFacade(host, environment.Time, environment.Settings) { Checks = plugins.VerificationChecks };
        var status = checkUpdates
            ? OperationView.WithProgress(environment, json || nagios, "dnf repoquery", _ => UpdateCheck.Detect(facade, host, environment, checkUpdates: true, cancellationToken))
            : facade.Detect(cancellationToken: cancellationToken);
        if (HostCheck.NotAHost(status, host.Name) is { } notAHost)
        {
            environment.Error.WriteLine($"kpatch-script: error: {SafeText.Of(notAHost)}");
            return Failed(arguments, environment, notAHost);
        }

        var report = facade.Verify(status, cancellationToken);

        if (json)
        {
            environment.Out.WriteLine(VerificationJson.Write(report));
        }
        else if (nagios)
        {
            environment.Out.WriteLine(NagiosLine(report));
        }
        else
        {
            VerdictLine.Write(report.Verdict, environment.Out);
            environment.Out.WriteLine();
            foreach (var check in report.Checks)
            {
                environment.Out.WriteLine($"{VerificationJson.Word(check.Result),-4}  {SafeText.Of(check.Name)}: {SafeText.Of(check.Detail)}");
            }

            if (report.Unanswered.Count > 0)
            {
                environment.Out.WriteLine();
                environment.Out.WriteLine($"Verification incomplete (UNKNOWN): no answer from {SafeText.Of(string.Join(", ", report.Unanswered))}");
            }
        }

        return report.Unanswered.Count > 0 ? Unknown : ExitCodeOf(report.Verdict.State);
    }

    /// <summary>A failure is Nagios UNKNOWN: with --nagios, the plugin line says so on stdout too (monitoring reads only stdout).</summary>
    public int Failed(IReadOnlyList<string> arguments, CliEnvironment environment, string message)
    {
        var separator = arguments.ToList().IndexOf("--");
        if ((separator < 0 ? arguments : arguments.Take(separator)).Contains(VerifySettings.NagiosOption.Name))
        {
            environment.Out.WriteLine($"KPATCH UNKNOWN - {SafeText.Of(message.Replace('|', '/'))}");
        }

        return Unknown;
    }

    internal static int ExitCodeOf(VerdictState state) => state switch
    {
        VerdictState.Covered => 0,
        VerdictState.ActionNeeded => 1,
        _ => 2,
    };

    /// <summary>
    /// <c>KPATCH CRITICAL - host is not covered: first reason (and N more) | perfdata</c>, as a Nagios plugin prints it.
    /// A check with no answer makes it <c>KPATCH UNKNOWN - verification incomplete: that check's reason; verdict</c>.
    /// </summary>
    internal static string NagiosLine(VerificationReport report)
    {
        var verdict = report.Verdict;
        var state = verdict.State switch { VerdictState.Covered => "OK", VerdictState.ActionNeeded => "WARNING", _ => "CRITICAL" };
        var text = verdict.Summary;
        if (report.Unanswered.Count > 0)
        {
            var first = report.Checks.First(c => c.Name == report.Unanswered[0]);
            var more = report.Unanswered.Count > 1 ? $" (and {report.Unanswered.Count - 1} more)" : "";
            (state, text) = ("UNKNOWN", $"verification incomplete: {first.Name}: {first.Detail}{more}. Verdict so far: {verdict.Summary}");
        }

        var failed = report.Checks.Count(c => c.Result == CheckResult.Fail);
        var warned = report.Checks.Count(c => c.Result == CheckResult.Warn);
        var perf = string.Create(CultureInfo.InvariantCulture,
            $"checks={report.Checks.Count};;;0 failed={failed};;1;0 warnings={warned};1;;0 not_covered={verdict.Reasons.Count(r => r.Level == ReasonLevel.NotCovered)};;1;0 action_needed={verdict.Reasons.Count(r => r.Level == ReasonLevel.ActionNeeded)};1;;0");
        // '|' separates text from performance data in the Nagios plugin API, and the first line is all most monitors show: keep both out of the text.
        // Control characters of host strings are shown, not sent: monitoring UIs and mails print this line as it is.
        return $"KPATCH {state} - {SafeText.Of(text.Replace('|', '/').Replace('\n', ' '))} | {perf}";
    }
}
