using KpatchScript.Cli.CommandLine;
using KpatchScript.Scripting;
using KpatchScript.Scripting.Directives;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script check FILE.csx</c>: compile and analyze, do not run.</summary>
internal sealed class CheckCommand : ICliCommand
{
    public string Name => "check";

    public string Summary => "Compile and analyze a script without running it";

    public string Help => """
        Usage: kpatch-script check FILE.csx [--source DIR|URL]... [--verbose]

        Compiles FILE.csx and everything it #loads, resolving its #r references, and prints the
        diagnostics as file(line,col): severity id: message on stderr. Nothing runs, nothing is cached.

        Exit codes: 0 no errors (warnings may be printed), 1 errors, 2 wrong command line.
        """;

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var reader = new ArgumentReader(arguments, Name);
        var sources = reader.Options("--source");
        var file = reader.Argument("a script file (FILE.csx)");
        reader.EnsureConsumed();
        try
        {
            var closure = ScriptClosure.FromFile(file);
            new ScriptHost(cache: null, environment.Error, sources, ScriptExecution.ScriptRulesOf(environment)).Check(closure, cancellationToken);
            environment.Out.WriteLine($"{closure.Main.Path}: ok ({closure.Files.Count} file(s))");
            return ExitCodes.Ok;
        }
        catch (ScriptException ex)
        {
            environment.Error.WriteLine(ex.Message);
            return ExitCodes.Failure;
        }
    }
}
