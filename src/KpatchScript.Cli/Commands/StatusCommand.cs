using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Output;
using KpatchScript.Cli.Plugins;
using KpatchScript.Cli.Settings;
using KpatchScript.Cli.Updates;
using KpatchScript.Serialization;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script status</c>: am I covered?</summary>
internal sealed class StatusCommand : ICliCommand
{
    public string Name => StatusSettings.Verb;

    public string Summary => "Am I covered? The verdict first, then kernel, patches, kpatch tooling, packages, reboot advice";

    public OptionTable Options => StatusSettings.Table;

    public string Help => HelpText.Of(Options, """
        Reads the live-patching state of a host and answers "am I covered?". The first line is the
        verdict, covered / action needed / not covered, with its coded reasons: the same verdict
        verify, report, alerts and the Cockpit panel show (the checks of verify, the plugins' too,
        run as of now: a transition is judged as it is, not watched). Then the running and
        installed kernels and whether a reboot is due, livepatch support and the kernel's live
        patch taint, every patch in /sys/kernel/livepatch with its state, objects and functions,
        tasks a transition waits for, the kpatch CLI, installed patch modules, kpatch-dnf and
        kpatch.service, installed kpatch-patch packages with the CVEs they fix, the CVEs fixed live
        now, and an estimate of until when the running kernel gets live patches.

        Anything that cannot be read is shown as unknown with the reason; nothing is guessed.
        """, """
        Exit codes: 0 status read (any verdict), 1 status could not be read, 2 wrong command line.
        (verify exits with the verdict.)
        """);

    public static StatusSettings Parse(IReadOnlyList<string> arguments, CliEnvironment environment) =>
        StatusSettings.Table.Read(arguments, reader => StatusSettings.Parse(reader, environment.Defaults.Target));

    IVerbSettings ICliCommand.Parse(IReadOnlyList<string> arguments, CliEnvironment environment) => Parse(arguments, environment);

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var settings = Parse(arguments, environment);
        // The plugins verify would run (configured directories, --plugins): one verdict, whichever command shows it.
        var plugins = CliPlugins.LoadChecks(settings.Plugins, environment);
        var host = environment.Open(settings.Target);
        var facade = new KpatchFacade(host, environment.Time, environment.Settings) { Checks = plugins.VerificationChecks };
        var status = settings.CheckUpdates
            ? OperationView.WithProgress(environment, settings.Json, "dnf repoquery", _ => UpdateCheck.Detect(facade, host, environment, checkUpdates: true, cancellationToken))
            : facade.Detect(cancellationToken: cancellationToken);

        if (HostCheck.NotAHost(status, host.Name) is { } notAHost)
        {
            environment.Error.WriteLine($"kpatch-script: error: {SafeText.Of(notAHost)}");
            return ExitCodes.Failure;
        }

        // The one verdict: verify's checks as of now over this status (no second detection).
        var verdict = facade.VerifyNow(status, cancellationToken).Verdict;
        if (settings.Json)
        {
            environment.Out.WriteLine(StatusJson.Serialize(status, verdict));
        }
        else
        {
            VerdictLine.Write(verdict, environment.Out);
            environment.Out.WriteLine();
            StatusView.Write(status, environment.Out, environment.IsInteractive);
        }

        return ExitCodes.Ok;
    }
}
