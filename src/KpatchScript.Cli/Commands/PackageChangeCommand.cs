using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Output;
using KpatchScript.Cli.Settings;
using KpatchScript.Operations;

namespace KpatchScript.Cli.Commands;

/// <summary>
/// <c>kpatch-script install</c>, <c>update</c>, <c>remove</c> and <c>downgrade</c>: one class, the
/// verbs dnf has; each verb has its own settings type and table (<see cref="InstallSettings"/>,
/// <see cref="UpdateSettings"/>, <see cref="RemoveSettings"/>, <see cref="DowngradeSettings"/>).
/// </summary>
internal sealed class PackageChangeCommand(string verb) : ICliCommand
{
    /// <summary>What remove and downgrade leave as it is, for their help (the result says it too).</summary>
    private const string RevertRule = """
        Removing or downgrading the package does NOT change the running kernel: the loaded live
        patch stays live until reboot, or until an acknowledged
        'kpatch-script unload PATCH --i-understand-this-is-unsupported' (Red Hat does not support
        reverting a live patch without a reboot). The result says so, in words and in --json
        (detail).
        """;

    private const string LockAndJournal = """
        Before anything changes, kpatch-script takes a host-wide lock on the target (a second run,
        from any machine, waits up to lock_wait_seconds, 30 by default, then fails) and appends a
        record to the target's audit journal /var/log/kpatch-script/journal.jsonl (under DIR with
        --installroot); the outcome is recorded and flushed to disk before it is reported. Run with
        --dry-run first to see the commands.
        """;

    public string Name => verb;

    public string Summary => verb switch
    {
        InstallSettings.Verb => "Install the live patch for the running kernel (dnf install \"kpatch-patch = <release>\")",
        UpdateSettings.Verb => "Update the live patch for the running kernel to the newest (dnf update \"kpatch-patch = <release>\")",
        RemoveSettings.Verb => "Remove the live patch package of the running kernel (dnf remove \"kpatch-patch = <release>\"); a loaded patch stays live until reboot",
        _ => "Downgrade the live patch package of the running kernel (dnf downgrade \"kpatch-patch = <release>\"); a loaded patch stays live until reboot",
    };

    // A property, not a field set in the constructor: a verb's table is built when that verb runs, not at start-up.
    public OptionTable Options => verb switch
    {
        InstallSettings.Verb => InstallSettings.Table,
        UpdateSettings.Verb => UpdateSettings.Table,
        RemoveSettings.Verb => RemoveSettings.Table,
        _ => DowngradeSettings.Table,
    };

    public string Help => HelpText.Of(Options, $"""
        {Summary}.
        {What}

        {LockAndJournal}

        {ProgressLines.HelpOf($"dnf {verb}")}
        """, """
        Exit codes: 0 done (or planned), 1 failed (one line on stderr), 2 wrong command line.
        """);

    private string What => verb switch
    {
        InstallSettings.Verb or UpdateSettings.Verb => """
            The package is named by its virtual provide, as Red Hat documents it; dnf picks the newest
            kpatch-patch package built for that kernel. Its scriptlet loads the patch when that kernel runs.
            """,
        RemoveSettings.Verb => $"""
            The package is named by its virtual provide, as install names it. It fails, before dnf runs,
            when no kpatch-patch package is installed for that kernel. At the next boot no live patch
            from the package loads.

            {RevertRule}
            """,
        _ => $"""
            dnf goes to the newest version in the enabled repositories older than the installed one;
            --to VERSION-RELEASE picks one ('dnf downgrade NAME-VERSION-RELEASE.ARCH' of the installed
            package's name). It fails when no kpatch-patch package is installed for that kernel, when
            nothing older is in the repositories, and when --to is not older than what is installed.
            At the next boot kpatch.service loads the older module.

            {RevertRule}
            """,
    };

    public IVerbSettings Parse(IReadOnlyList<string> arguments, CliEnvironment environment) => verb switch
    {
        InstallSettings.Verb => InstallSettings.Table.Read(arguments, reader => InstallSettings.Parse(reader, environment.Defaults.InstallRoot)),
        UpdateSettings.Verb => UpdateSettings.Table.Read(arguments, reader => UpdateSettings.Parse(reader, environment.Defaults.InstallRoot)),
        RemoveSettings.Verb => RemoveSettings.Table.Read(arguments, reader => RemoveSettings.Parse(reader, environment.Defaults.InstallRoot)),
        _ => DowngradeSettings.Table.Read(arguments, reader => DowngradeSettings.Parse(reader, environment.Defaults.InstallRoot)),
    };

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var parsed = Parse(arguments, environment);
        var (settings, lines) = parsed switch
        {
            InstallSettings install => (install.Package, install.Progress),
            UpdateSettings update => (update.Package, update.Progress),
            RemoveSettings remove => (remove.Package, remove.Progress),
            _ => (((DowngradeSettings)parsed).Package, ((DowngradeSettings)parsed).Progress),
        };
        var facade = new KpatchFacade(environment.Open(settings.Target), environment.Time, environment.Settings);
        using var stop = new GracefulStop(cancellationToken);
        var result = OperationView.WithProgress(environment, settings.Json, lines, $"dnf {verb}", progress =>
        {
            var options = new PackageOptions { InstallRoot = settings.InstallRoot, KernelRelease = settings.KernelRelease, DryRun = settings.DryRun, Progress = progress };
            return (parsed switch
            {
                InstallSettings => facade.InstallAsync(options, stop.Token),
                UpdateSettings => facade.UpdateAsync(options, stop.Token),
                RemoveSettings => facade.RemoveAsync(options, stop.Token),
                _ => facade.DowngradeAsync(options, ((DowngradeSettings)parsed).ToVersion, stop.Token),
            }).GetAwaiter().GetResult();
        });
        return OperationView.Write(result, environment, settings.Json);
    }
}
