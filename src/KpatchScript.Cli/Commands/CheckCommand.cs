using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Plugins;
using KpatchScript.Cli.Settings;
using KpatchScript.Scripting;
using KpatchScript.Scripting.Directives;
using KpatchScript.Serialization;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script check FILE.csx</c>: compile and analyze, do not run.</summary>
internal sealed class CheckCommand : ICliCommand
{
    public string Name => CheckSettings.Verb;

    public string Summary => "Compile and analyze a script without running it";

    public OptionTable Options => CheckSettings.Table;

    public string Help => HelpText.Of(Options, """
        Compiles FILE.csx and everything it #loads, resolving its #r references, and prints the
        diagnostics as file(line,col): severity id: message on stderr. Nothing runs, nothing is cached.
        The plugins' public types are referenced, as under run.
        """, """
        Exit codes: 0 no errors (warnings may be printed), 1 errors, 2 wrong command line.
        """);

    public static CheckSettings Parse(IReadOnlyList<string> arguments, CliEnvironment environment) =>
        CheckSettings.Table.Read(arguments, CheckSettings.Parse);

    IVerbSettings ICliCommand.Parse(IReadOnlyList<string> arguments, CliEnvironment environment) => Parse(arguments, environment);

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var settings = Parse(arguments, environment);
        var (sources, pluginDirectories, file) = (settings.Sources, settings.Plugins, settings.File);
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
