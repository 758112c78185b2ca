using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Output;
using KpatchScript.Cli.Settings;
using KpatchScript.Operations;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script unload PATCH|--all --i-understand-this-is-unsupported</c>: revert a live patch (or all) and remove its module.</summary>
internal sealed class UnloadCommand : ICliCommand
{
    private static string Acknowledgement => UnloadSettings.AcknowledgementOption.Name;

    public string Name => UnloadSettings.Verb;

    public string Summary => "Revert a live patch and remove its module (unsupported by Red Hat; needs " + Acknowledgement + ")";

    public OptionTable Options => UnloadSettings.Table;

    public string Help => HelpText.Of(Options, $"""
        Reverts a live patch: writes 0 to /sys/kernel/livepatch/PATCH/enabled, waits for the
        unpatching transition, then removes the module with rmmod. PATCH is the patch name as
        'kpatch-script status' shows it, or the path of its .ko file. With --all every loaded live
        patch is reverted, newest first (kpatch unload --all); the first failure stops it and names
        the patches not tried.

        Red Hat does not support reverting a live patch without a reboot (KB 2206511); the
        supported way back is to reboot into a kernel without it. Without {Acknowledgement}
        the command refuses and changes nothing. The module stays installed: it loads again at boot.

        Takes the host lock and writes the audit journal on the target (under state_directory for
        local, under / of an ssh host). Run with --dry-run first to see the steps.

        {ProgressLines.HelpOf("unload PATCH")}
        """, """
        Exit codes: 0 reverted and removed (or planned), 1 refused or failed (one line on stderr), 2 wrong command line.
        """);

    public static UnloadSettings Parse(IReadOnlyList<string> arguments, CliEnvironment environment) =>
        UnloadSettings.Table.Read(arguments, UnloadSettings.Parse);

    IVerbSettings ICliCommand.Parse(IReadOnlyList<string> arguments, CliEnvironment environment) => Parse(arguments, environment);

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var unload = Parse(arguments, environment);
        var (settings, acknowledged, patch) = (unload.Change, unload.Acknowledged, unload.Patch ?? "--all");
        var facade = new KpatchFacade(environment.Open(settings.Target), environment.Time, environment.Settings);
        using var stop = new GracefulStop(cancellationToken);
        var acknowledgement = acknowledged ? RevertAcknowledgement.RevertingWithoutRebootIsUnsupported : RevertAcknowledgement.None;
        var result = OperationView.WithProgress(environment, settings.Json, unload.Progress, $"unload {patch}", progress =>
        {
            var options = new UnloadOptions { DryRun = settings.DryRun, TransitionTimeout = settings.Timeout, Progress = progress };
            return (unload.All ? facade.UnloadAllAsync(acknowledgement, options, stop.Token) : facade.UnloadAsync(patch, acknowledgement, options, stop.Token))
                .GetAwaiter().GetResult();
        });
        return OperationView.Write(result, environment, settings.Json);
    }
}
