using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Output;
using KpatchScript.Cli.Settings;
using KpatchScript.Operations;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script load MODULE.ko</c>: load a live patch module and wait for its transition.</summary>
internal sealed class LoadCommand : ICliCommand
{
    public string Name => LoadSettings.Verb;

    public string Summary => "Load a live patch module (.ko) and wait until every task runs the patched code";

    public OptionTable Options => LoadSettings.Table;

    public string Help => HelpText.Of(Options, $"""
        {Summary}.
        MODULE.ko is a path on the target. It is refused before anything runs when it is not a live
        patch module, or is built for another kernel than the running one. With the kpatch CLI
        installed this runs 'kpatch load'; otherwise insmod (retried while another patch is in
        transition), then waits for the transition. Kernels before 5.1 get their stalled tasks
        signalled after 15 s; newer kernels signal them by themselves.

        A transition still running at the timeout fails the load with the tasks it waits for (pid,
        command, kernel stack). The patch stays loaded in transition so you can release them; with
        --revert-on-stall the load is reversed and the module removed instead (what kpatch does).

        Takes the host lock and writes the audit journal on the target (under state_directory for
        local, under / of an ssh host). Run with --dry-run first to see the steps.
        """, """
        Exit codes: 0 loaded (or planned), 1 failed or stalled (one line on stderr), 2 wrong command line.
        """);

    public static LoadSettings Parse(IReadOnlyList<string> arguments, CliEnvironment environment) =>
        LoadSettings.Table.Read(arguments, LoadSettings.Parse);

    IVerbSettings ICliCommand.Parse(IReadOnlyList<string> arguments, CliEnvironment environment) => Parse(arguments, environment);

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var load = Parse(arguments, environment);
        var (settings, revert, module) = (load.Change, load.RevertOnStall, load.Module);
        var facade = new KpatchFacade(environment.Open(settings.Target), environment.Time, environment.Settings);
        using var stop = new GracefulStop(cancellationToken);
        var result = OperationView.WithProgress(environment, settings.Json, $"load {Path.GetFileName(module)}", progress =>
            facade.LoadAsync(module, new LoadOptions { DryRun = settings.DryRun, TransitionTimeout = settings.Timeout, RevertOnStall = revert, Progress = progress }, stop.Token)
                .GetAwaiter().GetResult());
        return OperationView.Write(result, environment, settings.Json);
    }
}
