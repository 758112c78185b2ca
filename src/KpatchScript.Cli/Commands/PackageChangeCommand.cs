using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Output;
using KpatchScript.Operations;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script install</c> and <c>kpatch-script update</c>: one class, two verbs, as dnf has them.</summary>
internal sealed class PackageChangeCommand(string verb) : ICliCommand
{
    public string Name => verb;

    public string Summary => verb == "install"
        ? "Install the live patch for the running kernel (dnf install \"kpatch-patch = <release>\")"
        : "Update the live patch for the running kernel to the newest (dnf update \"kpatch-patch = <release>\")";

    public string Help => $"""
        Usage: kpatch-script {verb} {PackageSettings.Usage}

        {Summary}.
        The package is named by its virtual provide, as Red Hat documents it; dnf picks the newest
        kpatch-patch package built for that kernel. Its scriptlet loads the patch when that kernel runs.

        Before anything changes, kpatch-script takes a host-wide lock on the target (a second run,
        from any machine, waits up to lock_wait_seconds, 30 by default, then fails) and appends a
        record to the target's audit journal /var/log/kpatch-script/journal.jsonl (under DIR with
        --installroot); the outcome is recorded and flushed to disk before it is reported. Run with
        --dry-run first to see the commands.

        Options:
        {PackageSettings.OptionsHelp}

        Exit codes: 0 done (or planned), 1 failed (one line on stderr), 2 wrong command line.
        """;

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var reader = new ArgumentReader(arguments, Name);
        var settings = PackageSettings.Parse(reader, environment.Defaults.InstallRoot);
        reader.EnsureConsumed();
        var facade = new KpatchFacade(environment.Open(settings.Target), environment.Time, environment.Settings);
        using var stop = new GracefulStop(cancellationToken);
        var result = OperationView.WithProgress(environment, settings.Json, $"dnf {verb}", progress =>
        {
            var options = new PackageOptions { InstallRoot = settings.InstallRoot, KernelRelease = settings.KernelRelease, DryRun = settings.DryRun, Progress = progress };
            return (verb == "install" ? facade.InstallAsync(options, stop.Token) : facade.UpdateAsync(options, stop.Token)).GetAwaiter().GetResult();
        });
        return OperationView.Write(result, environment, settings.Json);
    }
}
