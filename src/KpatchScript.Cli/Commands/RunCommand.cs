using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.ScriptRuns;
using KpatchScript.Cli.Settings;
using KpatchScript.Scripting.Directives;

namespace KpatchScript.Cli.Commands;

/// <summary>
/// <c>kpatch-script run FILE.csx [options] [words] [-- args]</c>: run a script in the dotnet-script
/// dialect; also what a <c>#!/usr/bin/env kpatch-script</c> line runs (<c>kpatch-script FILE.csx ...</c>,
/// which CliApp turns into <c>run FILE.csx ...</c>). <see cref="RunArguments"/> says which argument is whose.
/// </summary>
internal sealed class RunCommand : ICliCommand
{
    public string Name => RunSettings.Verb;

    public string Summary => "Run a C# script (.csx, dotnet-script dialect) with the kpatch facade";

    public OptionTable Options => RunSettings.Table;

    public string Help => HelpText.Of(Options, $"""
        {Summary}. The dialect: a '#!' first line, '#load "other.csx"' (relative to the including
        file), '#r "path/to.dll"', '#r "nuget: Id, Version"', Args (IList<string>), top-level await,
        dotnet-script's implicit usings. 'using KpatchScript; var kp = Kpatch.Connect();' reaches the
        facade (target and dry-run from these options); Kpatch.Cancellation is cancelled on Ctrl+C,
        SIGTERM and at --timeout.

        ./FILE.csx [the same options] [WORD...] [-- ARGS...] is the same run: its
        '#!/usr/bin/env kpatch-script' line runs kpatch-script FILE.csx ....
        After FILE.csx, in both forms, as in dotnet-script: the options below are kpatch-script's
        wherever they stand before '--' ('./apply-updates.csx --dry-run --target sysroot:DIR' is a
        dry run against DIR); a word that is not an option ('out.html', '-', '-1') is the script's,
        in order; any other option before '--' is an error. Only what follows '--' reaches the script
        as it is, options too: './tool.csx --dry-run -- --dry-run' is a dry run, and the script gets
        '--dry-run'.

        The compiled script is cached per user (~/.cache/kpatch-script/scripts, $XDG_CACHE_HOME,
        dotnet-script's $DOTNET_SCRIPT_CACHE_LOCATION as the root, or $KPATCH_SCRIPT_CACHE), keyed by
        the #load closure, #r files, pinned package versions, the runtime and the tool's version; a
        cached run does not load the compiler.

        -i, --interactive runs the script as the first submission of a REPL ('kpatch-script repl
        --help'), then reads C# from stdin with the script's variables in scope; its exit code is
        the REPL's (0 at the end of input).
        """, """
        Exit codes: the script's own (return N, a trailing int expression, or Environment.ExitCode;
        0 otherwise), 1 compile error or unhandled exception (file(line,col) on stderr), 2 wrong
        command line, 124 stopped at --timeout, 130 interrupted.
        """);

    public static RunSettings Parse(IReadOnlyList<string> arguments, CliEnvironment environment) =>
        RunArguments.Split(arguments, RunSettings.Table).Reader(RunSettings.Table).Read(reader => RunSettings.Parse(reader, environment.Defaults.Target));

    IVerbSettings ICliCommand.Parse(IReadOnlyList<string> arguments, CliEnvironment environment) => Parse(arguments, environment);

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var settings = Parse(arguments, environment);
        if (settings.Interactive)
        {
            var script = settings.Script;
            return ReplExecution.Run(() => ScriptClosure.FromFile(settings.File), script.Target, script.DryRun, script.Sources, script.Plugins, settings.ScriptArguments, environment, cancellationToken);
        }

        return ScriptExecution.Run(() => ScriptClosure.FromFile(settings.File), settings.Script, settings.ScriptArguments, environment, cancellationToken);
    }
}
