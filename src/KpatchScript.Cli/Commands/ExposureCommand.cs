using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Output;
using KpatchScript.Cli.Settings;
using KpatchScript.Cli.Updates;
using KpatchScript.Serialization;
using KpatchScript.Status;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script exposure</c>: which CVEs is this host still exposed to, after its live patches?</summary>
internal sealed class ExposureCommand : ICliCommand
{
    public string Name => ExposureSettings.Verb;

    public string Summary => "Which CVEs the running kernel is still exposed to, from Red Hat's VEX data and the live patches";

    public OptionTable Options => ExposureSettings.Table;

    public string Help => HelpText.Of(Options, """
        Reads the configured mirror of Red Hat's CSAF VEX documents (vex_directory: one JSON per CVE,
        kept in sync by the site; indexed once into a cache keyed by each file's size and time) and
        classifies every CVE whose VEX names the host's kernel stream: fixed live (an installed
        kpatch-patch fixes it and its module is enabled), fixed after reboot (a newer installed
        kernel fixes it), fix available (a newer kernel or a kpatch-patch for the running kernel is
        released), no fix yet, or not affected (counted only). Severity is the VEX's impact.

        A file that is not valid CSAF VEX is named and skipped, never read as not affected.
        """, """
        Exit codes: 0 exposure read, 1 it could not be (no vex_directory configured, the mirror
        unreadable, the host's kernel unknown), 2 wrong command line.
        """);

    public static ExposureSettings Parse(IReadOnlyList<string> arguments, CliEnvironment environment) =>
        ExposureSettings.Table.Read(arguments, reader => ExposureSettings.Parse(reader, environment.Defaults.Target));

    IVerbSettings ICliCommand.Parse(IReadOnlyList<string> arguments, CliEnvironment environment) => Parse(arguments, environment);

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var settings = Parse(arguments, environment);
        var host = environment.Open(settings.Target);
        var facade = new KpatchFacade(host, environment.Time, environment.Settings);
        var status = settings.CheckUpdates
            ? OperationView.WithProgress(environment, settings.Json, "dnf repoquery", _ => UpdateCheck.Detect(facade, host, environment, checkUpdates: true, cancellationToken))
            : facade.Detect(cancellationToken: cancellationToken);
        var exposure = status.Exposure.Select(e => settings.Cves.Count == 0 ? e : e with { Cves = [.. e.Cves.Where(c => settings.Cves.Contains(c.Cve))] });
        if (settings.Json)
        {
            environment.Out.WriteLine(StatusJson.SerializeExposure(status.Target, exposure));
        }

        if (!exposure.IsKnown)
        {
            environment.Error.WriteLine($"kpatch-script: error: exposure unknown: {SafeText.Of(exposure.UnknownReason)}");
            return ExitCodes.Failure;
        }

        if (!settings.Json)
        {
            Write(exposure.Value!, status, settings.Cves, environment.Out);
        }

        return ExitCodes.Ok;
    }

    private static void Write(CveExposure exposure, HostStatus status, IReadOnlyList<string> asked, TextWriter output)
    {
        var c = exposure.Counts;
        output.WriteLine(SafeText.Of($"Kernel {status.Kernel.Running.Value} against {exposure.Documents} VEX document(s) in {exposure.Mirror}:"));
        output.WriteLine($"  fix available {c.FixAvailable}, no fix yet {c.NoFixYet}, fixed after reboot {c.FixedAfterReboot}, fixed live {c.FixedLive}, not affected {c.NotAffected}");
        foreach (var cve in exposure.Cves)
        {
            output.WriteLine(SafeText.Of($"{cve.Cve,-16}  {cve.State,-18}  {cve.Severity ?? "-",-9}  {cve.FixedBy ?? "-"}{(cve.Advisory is null ? "" : "  " + cve.Advisory)}"));
        }

        foreach (var cve in asked.Where(a => !exposure.Cves.Any(e => e.Cve == a)))
        {
            output.WriteLine($"{cve,-16}  not listed: not affected, or no VEX document names this host's kernel stream for it");
        }

        foreach (var skipped in exposure.Skipped)
        {
            output.WriteLine(SafeText.Of($"skipped {skipped.File}: {skipped.Reason}"));
        }
    }
}
