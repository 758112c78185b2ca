using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Output;
using KpatchScript.Cli.Settings;
using KpatchScript.Operations;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script load MODULE.ko|--all</c>: load a live patch module (or every installed one) and wait for its transition.</summary>
internal sealed class LoadCommand : ICliCommand
{
    public string Name => LoadSettings.Verb;

    public string Summary => "Load a live patch module (.ko), or every installed one (--all), and wait until every task runs the patched code";

    public OptionTable Options => LoadSettings.Table;

    public string Help => HelpText.Of(Options, $"""
        {Summary}.
        MODULE.ko is a path on the target. It is refused before anything runs when it is not a live
        patch module, or is built for another kernel than the running one. With the kpatch CLI
        installed this runs 'kpatch load'; otherwise insmod (retried while another patch is in
        transition), then waits for the transition. Kernels before 5.1 get their stalled tasks
        signalled after 15 s; newer kernels signal them by themselves.

        --all loads every module installed for the running kernel, as 'kpatch load --all' and
        kpatch.service do at boot: /var/lib/kpatch/<release>/*.ko, then /usr/lib/kpatch/<release>/*.ko
        (a module name found in both is loaded once), in file name order. One already loaded and
        enabled is left as it is. The first failure stops it, and the modules not tried are named.

        A transition still running at the timeout fails the load with the tasks it waits for (pid,
        command, kernel stack). The patch stays loaded in transition so you can release them; with
        --revert-on-stall the load is reversed and the module removed instead (what kpatch does).

        Takes the host lock and writes the audit journal on the target (under state_directory for
        local, under / of an ssh host). Run with --dry-run first to see the steps.

        {ProgressLines.HelpOf("load MODULE.ko")}
        """, """
        Exit codes: 0 loaded (or planned), 1 failed or stalled (one line on stderr), 2 wrong command line.
        """);

    public static LoadSettings Parse(IReadOnlyList<string> arguments, CliEnvironment environment) =>
        LoadSettings.Table.Read(arguments, LoadSettings.Parse);

    IVerbSettings ICliCommand.Parse(IReadOnlyList<string> arguments, CliEnvironment environment) => Parse(arguments, environment);

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var load = Parse(arguments, environment);
        var (settings, revert, module) = (load.Change, load.RevertOnStall, load.Module ?? "--all");
        var facade = new KpatchFacade(environment.Open(settings.Target), environment.Time, environment.Settings);
        using var stop = new GracefulStop(cancellationToken);
        var result = OperationView.WithProgress(environment, settings.Json, load.Progress, $"load {Path.GetFileName(module)}", progress =>
        {
            var options = new LoadOptions { DryRun = settings.DryRun, TransitionTimeout = settings.Timeout, RevertOnStall = revert, Progress = progress };
            return (load.All ? facade.LoadAllAsync(options, stop.Token) : facade.LoadAsync(module, options, stop.Token)).GetAwaiter().GetResult();
        });
        return OperationView.Write(result, environment, settings.Json);
    }
}
