using KpatchScript.Cli.CommandLine;
using KpatchScript.Scripting.Directives;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script run FILE.csx [-- args]</c>: run a script in the dotnet-script dialect (also what a <c>#!/usr/bin/env kpatch-script</c> line runs).</summary>
internal sealed class RunCommand : ICliCommand
{
    public string Name => "run";

    public string Summary => "Run a C# script (.csx, dotnet-script dialect) with the kpatch facade";

    public string Help => $"""
        Usage: kpatch-script run FILE.csx {ScriptSettings.Usage}
               kpatch-script FILE.csx [ARGS...]        (what a '#!/usr/bin/env kpatch-script' line runs)

        {Summary}. The dialect: a '#!' first line, '#load "other.csx"' (relative to the including
        file), '#r "path/to.dll"', '#r "nuget: Id, Version"', Args (IList<string>), top-level await,
        dotnet-script's implicit usings. 'using KpatchScript; var kp = Kpatch.Connect();' reaches the
        facade (target and dry-run from these options); Kpatch.Cancellation is cancelled on Ctrl+C,
        SIGTERM and at --timeout.

        The compiled script is cached per user (~/.cache/kpatch-script/scripts, $XDG_CACHE_HOME or
        $KPATCH_SCRIPT_CACHE), keyed by the #load closure, #r files, pinned package versions, the
        runtime and the tool's version; a cached run does not load the compiler.

        Options:
        {ScriptSettings.OptionsHelp}

        Exit codes: the script's own (return N, a trailing int expression, or Environment.ExitCode;
        0 otherwise), 1 compile error or unhandled exception (file(line,col) on stderr), 2 wrong
        command line, 124 stopped at --timeout, 130 interrupted.
        """;

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var (options, scriptArguments) = ScriptSettings.Split(arguments);
        var reader = new ArgumentReader(options, Name);
        var settings = ScriptSettings.Parse(reader, scriptArguments, environment.Defaults.Target);
        var file = reader.Argument("a script file (FILE.csx)");
        reader.EnsureConsumed();
        return ScriptExecution.Run(() => ScriptClosure.FromFile(file), settings, environment, environment.Verbose, cancellationToken);
    }
}
