using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Output;
using KpatchScript.Cli.Settings;
using KpatchScript.Operations;
using KpatchScript.Serialization;
using KpatchScript.Targets;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script auto-update on|off|status</c>: kpatch-dnf's automatic installation of live patches for new kernels.</summary>
internal sealed class AutoUpdateCommand : ICliCommand
{
    public string Name => AutoUpdateSettings.Verb;

    public string Summary => "Turn kpatch-dnf's automatic live patch installation on or off, or show it";

    public OptionTable Options => AutoUpdateSettings.Table;

    public string Help => HelpText.Of(Options, """
        on and off run kpatch-dnf's 'dnf kpatch auto' and 'dnf kpatch manual' (with the same lock,
        journal and --dry-run as install); status shows the autoupdate setting of
        /etc/dnf/plugins/kpatch.conf. Needs the kpatch-dnf package.
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
            var dnf = new KpatchFacade(host, environment.Time, environment.Settings).Detect(cancellationToken: cancellationToken).Kpatch.Dnf;
            var state = !dnf.IsKnown ? $"unknown ({dnf.UnknownReason})"
                : !dnf.Value!.Installed ? "kpatch-dnf is not installed"
                : dnf.Value.AutoUpdate.IsKnown ? (dnf.Value.AutoUpdate.Value ? "on" : "off") : $"unknown ({dnf.Value.AutoUpdate.UnknownReason})";
            environment.Out.WriteLine(settings.Json ? $"{{\"schema_version\": 1, \"auto_update\": \"{(state is "on" or "off" ? state : "unknown")}\"}}" : $"auto-update: {SafeText.Of(state)}");
            return ExitCodes.Ok;
        }

        var facade = new KpatchFacade(target, environment.Time, environment.Settings);
        var options = new PackageOptions { InstallRoot = settings.InstallRoot, KernelRelease = settings.KernelRelease, DryRun = settings.DryRun };
        using var stop = new GracefulStop(cancellationToken);
        var result = OperationView.WithProgress(environment, settings.Json, "dnf kpatch", progress =>
            facade.SetAutoUpdateAsync(action == "on", options with { Progress = progress }, stop.Token).GetAwaiter().GetResult());
        return OperationView.Write(result, environment, settings.Json);
    }
}
