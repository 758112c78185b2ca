using System.Globalization;
using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Plugins;
using KpatchScript.Serialization;
using KpatchScript.Targets;
using KpatchScript.Verification;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script verify</c>: are the live patches doing what they should? Exit codes follow the Nagios plugin convention.</summary>
internal sealed class VerifyCommand : ICliCommand
{
    public string Name => "verify";

    public string Summary => "Check that live patches are loaded, enabled, complete and built for this kernel (Nagios exit codes)";

    public string Help => $"""
        Usage: kpatch-script verify [--json | --nagios] [--target {HostSystems.Forms}] {CliPlugins.Usage} [--verbose]

        Runs named checks, each pass / warn / fail / skip (with the reason): installed modules for
        the running kernel are loaded; loaded patches are enabled; no patch is stuck in transition
        (on a live host a transition is watched for transition_timeout_seconds, 60 by default, then
        named with the tasks it waits for); objects are patched; the live patch taint is set; each
        module is built for the running kernel (vermagic) and whether it is signed; reboot advice.
        Then the plugins' checks, named <Plugin>:<check>; a plugin check that throws or does not
        answer within plugin_timeout_seconds (10) fails with the reason.

        Options:
          --json            Print the report as JSON (schema: verification.schema.json, version 1)
          --nagios          Print one Nagios status line with performance data
          --target TARGET   local (default; or the configured target), or sysroot:DIR for a captured tree
        {CliPlugins.OptionHelp}
          --verbose         Show the full error when something fails

        Exit codes (Nagios): 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (nothing could be checked).
        """;

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var reader = new ArgumentReader(arguments, Name);
        var (json, nagios, target) = (reader.Flag("--json"), reader.Flag("--nagios"), reader.Option("--target") ?? environment.Defaults.Target);
        var pluginDirectories = reader.Options(CliPlugins.Option);
        reader.EnsureConsumed();
        if (json && nagios)
        {
            throw new UsageException("--json and --nagios are alternatives; choose one");
        }

        var plugins = CliPlugins.Load(pluginDirectories, environment);
        var report = new KpatchFacade(environment.Open(target), environment.Time, environment.Settings) { Checks = plugins.VerificationChecks }.Verify(cancellationToken);
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
            foreach (var check in report.Checks)
            {
                environment.Out.WriteLine($"{VerificationJson.Word(check.Result),-4}  {check.Name}: {check.Detail}");
            }

            environment.Out.WriteLine($"verdict: {VerificationJson.Word(report.Verdict)}");
        }

        return ExitCodeOf(report.Verdict);
    }

    internal static int ExitCodeOf(CheckResult verdict) => verdict switch
    {
        CheckResult.Pass => 0,
        CheckResult.Warn => 1,
        CheckResult.Fail => 2,
        _ => 3,
    };

    /// <summary><c>KPATCH CRITICAL - summary | perfdata</c>, as a Nagios plugin prints it.</summary>
    internal static string NagiosLine(VerificationReport report)
    {
        var state = ExitCodeOf(report.Verdict) switch { 0 => "OK", 1 => "WARNING", 2 => "CRITICAL", _ => "UNKNOWN" };
        var failed = report.Checks.Where(c => c.Result == CheckResult.Fail).ToList();
        var warned = report.Checks.Where(c => c.Result == CheckResult.Warn).ToList();
        var summary = failed.Count > 0 ? string.Join("; ", failed.Select(c => $"{c.Name}: {c.Detail}"))
            : warned.Count > 0 ? string.Join("; ", warned.Select(c => $"{c.Name}: {c.Detail}"))
            : report.Verdict == CheckResult.Skip ? string.Join("; ", report.Checks.Select(c => c.Detail).Distinct().Take(1))
            : $"{report.Checks.Count(c => c.Result == CheckResult.Pass)} checks passed";
        var perf = string.Create(CultureInfo.InvariantCulture,
            $"checks={report.Checks.Count};;;0 failed={failed.Count};;1;0 warnings={warned.Count};1;;0");
        // '|' separates text from performance data in the Nagios plugin API: keep it out of the text.
        return $"KPATCH {state} - {summary.Replace('|', '/')} | {perf}";
    }
}
