using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.ScriptRuns;
using KpatchScript.Cli.Settings;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script repl</c>: C# line by line, as dotnet-script's REPL, with run's globals and facade.</summary>
internal sealed class ReplCommand : ICliCommand
{
    public string Name => ReplSettings.Verb;

    public string Summary => "Interactive C# (REPL) with the kpatch facade, as dotnet-script's";

    public OptionTable Options => ReplSettings.Table;

    public string Help => HelpText.Of(Options, $$"""
        {{Summary}}.
        Each submission runs as soon as it is whole (an open brace or an unfinished statement
        continues on the next line); its variables, types and usings stay for the next.
        The value of a submission that ends in an expression (no ';') is printed as Print prints
        it ('new[] { 1, 2 }' prints 'int[2] { 1, 2 }'). Same dialect and globals as run: Args,
        Print, PrintOptions, the implicit usings, '#r "path.dll"', '#r "nuget: Id, Version"',
        '#load "file.csx"' (relative to the working directory), and 'using KpatchScript; var kp =
        Kpatch.Connect();' with the target and dry-run of these options. The KPS rules check every
        submission as they check a script.

        A compile error or an exception prints its line on stderr and the session goes on.
        #exit ends the session, #reset forgets every submission, #cls clears the screen.
        The prompts ('> ', and '* ' while a submission continues) are shown only when stdin is a
        terminal: with stdin redirected, stdout holds only what the submissions print.
        'kpatch-script run FILE.csx -i' runs FILE.csx first and continues here with its variables.
        """, """
        Exit codes: 0 at the end of input or #exit (errors in submissions do not change it),
        1 only for 'run -i' with a script that cannot be read, 2 wrong command line,
        130 interrupted (Ctrl+C cancels Kpatch.Cancellation and ends the session).
        """);

    public static ReplSettings Parse(IReadOnlyList<string> arguments, CliEnvironment environment) =>
        ReplSettings.Table.Read(arguments, reader => ReplSettings.Parse(reader, environment.Defaults.Target));

    IVerbSettings ICliCommand.Parse(IReadOnlyList<string> arguments, CliEnvironment environment) => Parse(arguments, environment);

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var settings = Parse(arguments, environment);
        return ReplExecution.Run(seed: null, settings.Target, settings.DryRun, settings.Sources, settings.Plugins, settings.ScriptArguments, environment, cancellationToken);
    }
}
