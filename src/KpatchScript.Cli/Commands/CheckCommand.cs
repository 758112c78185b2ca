using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Plugins;
using KpatchScript.Scripting;
using KpatchScript.Scripting.Directives;
using KpatchScript.Serialization;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script check FILE.csx</c>: compile and analyze, do not run.</summary>
internal sealed class CheckCommand : ICliCommand
{
    public string Name => "check";

    public string Summary => "Compile and analyze a script without running it";

    public string Help => $"""
        Usage: kpatch-script check FILE.csx [--source DIR|URL]... {CliPlugins.Usage} [--verbose]

        Compiles FILE.csx and everything it #loads, resolving its #r references, and prints the
        diagnostics as file(line,col): severity id: message on stderr. Nothing runs, nothing is cached.
        The plugins' public types are referenced, as under run.

        Options:
          --source DIR|URL    A NuGet source for #r "nuget: ...", tried first; repeatable
        {CliPlugins.OptionHelp}

        Exit codes: 0 no errors (warnings may be printed), 1 errors, 2 wrong command line.
        """;

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var reader = new ArgumentReader(arguments, Name);
        var sources = reader.Options("--source");
        var pluginDirectories = reader.Options(CliPlugins.Option);
        var file = reader.Argument("a script file (FILE.csx)");
        reader.EnsureConsumed();
        try
        {
            var closure = ScriptClosure.FromFile(file);
            new ScriptHost(cache: null, environment.Error, sources, environment.Config.ScriptRules, CliPlugins.Load(pluginDirectories, environment).Scripts).Check(closure, cancellationToken);
            environment.Out.WriteLine(SafeText.Of($"{closure.Main.Path}: ok ({closure.Files.Count} file(s))"));
            return ExitCodes.Ok;
        }
        catch (ScriptException ex)
        {
            environment.Error.WriteLine(SafeText.Lines(ex.Message));
            return ExitCodes.Failure;
        }
    }
}
