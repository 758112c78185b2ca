using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.ScriptRuns;
using KpatchScript.Cli.Settings;
using KpatchScript.Scripting.Publishing;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script exec FILE.dll [options] [words] [-- args]</c>: run what publish wrote, as run runs a script.</summary>
internal sealed class ExecCommand : ICliCommand
{
    public string Name => ExecSettings.Verb;

    public string Summary => "Run a script 'publish' compiled (FILE.dll), without the compiler";

    public OptionTable Options => ExecSettings.Table;

    public string Help => HelpText.Of(Options, """
        Runs FILE.dll, written by 'kpatch-script publish', as 'run' runs the script it was compiled
        from: the same globals (Args, Print, PrintOptions), Kpatch.Connect() with these --target and
        --dry-run, Kpatch.Cancellation, --timeout, and the same exit codes; words after FILE.dll
        and everything after '--' are the script's Args, as for run. The compiler is not loaded
        (Print alone loads Roslyn's object formatter, as under a cached run).
        FILE.dll must have its manifest, NAME.kpatch-script.json, and the assemblies publish
        copied beside it, and come from this version and build of kpatch-script: anything else is
        refused with one line saying why (publish the script again).
        As dotnet-script's 'exec'.
        """, """
        Exit codes: as run's (the script's own, 1 an unhandled exception or a DLL that cannot be run,
        2 wrong command line, 124 stopped at --timeout, 130 interrupted).
        """);

    public static ExecSettings Parse(IReadOnlyList<string> arguments, CliEnvironment environment) =>
        RunArguments.Split(arguments, ExecSettings.Table).Reader(ExecSettings.Table).Read(reader => ExecSettings.Parse(reader, environment.Defaults.Target));

    IVerbSettings ICliCommand.Parse(IReadOnlyList<string> arguments, CliEnvironment environment) => Parse(arguments, environment);

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var settings = Parse(arguments, environment);
        return ScriptExecution.Run(settings.Plugins, settings.Target, settings.DryRun, settings.Timeout, environment,
            (options, token) => PublishedScript.Run(settings.File, settings.ScriptArguments, options, token), cancellationToken);
    }
}
