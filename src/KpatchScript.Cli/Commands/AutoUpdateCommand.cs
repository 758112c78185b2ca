using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Output;
using KpatchScript.Cli.Settings;
using KpatchScript.Operations;
using KpatchScript.Targets;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script auto-update on|off|status</c>: kpatch-dnf's automatic installation of live patches, and kpatch.service.</summary>
internal sealed class AutoUpdateCommand : ICliCommand
{
    public string Name => AutoUpdateSettings.Verb;

    public string Summary => "Turn kpatch-dnf's automatic live patch installation on or off, or show it";

    public OptionTable Options => AutoUpdateSettings.Table;

    public string Help => HelpText.Of(Options, $"""
        kpatch-dnf's choices, as Cockpit's Software Updates page offers them, each one operation with
        the same lock, journal and --dry-run as install:
          on (--kernels all)     dnf kpatch auto: patches for every installed kernel and every future one
          on --kernels current   dnf kpatch manual, then dnf install "kpatch-patch = <running release>"
          off                    dnf kpatch manual: no automatic installation any more
        on then enables and starts kpatch.service, which loads installed patches at boot (systemctl
        enable --now; --service keep leaves it). off keeps kpatch.service, so installed patches still
        load at boot (unlike Cockpit); --service disable disables and stops it. In an --installroot,
        systemctl --root changes the unit files only. status shows the autoupdate setting of
        /etc/dnf/plugins/kpatch.conf, the kernels it covers (all; current: autoupdate off with
        kpatch.service enabled; off) and kpatch.service. Needs the kpatch-dnf package.

        {ProgressLines.HelpOf("auto-update")}
        status takes no --progress: it changes nothing.
        """, """
        Exit codes: 0 done, 1 failed (one line on stderr), 2 wrong command line.
        """);

    public static AutoUpdateSettings Parse(IReadOnlyList<string> arguments, CliEnvironment environment) =>
        AutoUpdateSettings.Table.Read(arguments, reader => AutoUpdateSettings.Parse(reader, environment.Defaults.InstallRoot));

    IVerbSettings ICliCommand.Parse(IReadOnlyList<string> arguments, CliEnvironment environment) => Parse(arguments, environment);

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var parsed = Parse(arguments, environment);
        var (action, settings) = (parsed.Action, parsed.Package);
        var target = environment.Open(settings.Target);
        if (action == "status")
        {
            var host = settings.InstallRoot is { } root ? new SysrootHostSystem(root) : target;
            var kpatch = new KpatchFacade(host, environment.Time, environment.Settings).Detect(cancellationToken: cancellationToken).Kpatch;
            environment.Out.WriteLine(AutoUpdateStatusView.Of(kpatch, settings.Json));
            return ExitCodes.Ok;
        }

        var facade = new KpatchFacade(target, environment.Time, environment.Settings);
        var options = new PackageOptions { InstallRoot = settings.InstallRoot, KernelRelease = settings.KernelRelease, DryRun = settings.DryRun };
        using var stop = new GracefulStop(cancellationToken);
        var result = OperationView.WithProgress(environment, settings.Json, parsed.Progress, "auto-update", progress =>
            facade.SetAutoUpdateAsync(parsed.Choice, options with { Progress = progress }, stop.Token).GetAwaiter().GetResult());
        return OperationView.Write(result, environment, settings.Json);
    }
}
