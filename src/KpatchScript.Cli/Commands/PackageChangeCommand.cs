using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Output;
using KpatchScript.Cli.Settings;
using KpatchScript.Operations;

namespace KpatchScript.Cli.Commands;

/// <summary>
/// <c>kpatch-script install</c> and <c>kpatch-script update</c>: one class, two verbs, as dnf has
/// them; each verb has its own settings type and table (<see cref="InstallSettings"/>, <see cref="UpdateSettings"/>).
/// </summary>
internal sealed class PackageChangeCommand(string verb) : ICliCommand
{
    private bool IsInstall => verb == InstallSettings.Verb;

    public string Name => verb;

    public string Summary => IsInstall
        ? "Install the live patch for the running kernel (dnf install \"kpatch-patch = <release>\")"
        : "Update the live patch for the running kernel to the newest (dnf update \"kpatch-patch = <release>\")";

    // A property, not a field set in the constructor: a verb's table is built when that verb runs, not at start-up.
    public OptionTable Options => IsInstall ? InstallSettings.Table : UpdateSettings.Table;

    public string Help => HelpText.Of(Options, $"""
        {Summary}.
        The package is named by its virtual provide, as Red Hat documents it; dnf picks the newest
        kpatch-patch package built for that kernel. Its scriptlet loads the patch when that kernel runs.

        Before anything changes, kpatch-script takes a host-wide lock on the target (a second run,
        from any machine, waits up to lock_wait_seconds, 30 by default, then fails) and appends a
        record to the target's audit journal /var/log/kpatch-script/journal.jsonl (under DIR with
        --installroot); the outcome is recorded and flushed to disk before it is reported. Run with
        --dry-run first to see the commands.
        """, """
        Exit codes: 0 done (or planned), 1 failed (one line on stderr), 2 wrong command line.
        """);

    public IVerbSettings Parse(IReadOnlyList<string> arguments, CliEnvironment environment) => IsInstall
        ? InstallSettings.Table.Read(arguments, reader => InstallSettings.Parse(reader, environment.Defaults.InstallRoot))
        : UpdateSettings.Table.Read(arguments, reader => UpdateSettings.Parse(reader, environment.Defaults.InstallRoot));

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var settings = Parse(arguments, environment) switch
        {
            InstallSettings install => install.Package,
            var update => ((UpdateSettings)update).Package,
        };
        var facade = new KpatchFacade(environment.Open(settings.Target), environment.Time, environment.Settings);
        using var stop = new GracefulStop(cancellationToken);
        var result = OperationView.WithProgress(environment, settings.Json, $"dnf {verb}", progress =>
        {
            var options = new PackageOptions { InstallRoot = settings.InstallRoot, KernelRelease = settings.KernelRelease, DryRun = settings.DryRun, Progress = progress };
            return (IsInstall ? facade.InstallAsync(options, stop.Token) : facade.UpdateAsync(options, stop.Token)).GetAwaiter().GetResult();
        });
        return OperationView.Write(result, environment, settings.Json);
    }
}
