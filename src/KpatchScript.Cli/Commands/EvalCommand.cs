using KpatchScript.Cli.CommandLine;
using KpatchScript.Scripting.Directives;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script eval "code"</c>, or the code on stdin.</summary>
internal sealed class EvalCommand : ICliCommand
{
    public string Name => "eval";

    public string Summary => "Run C# script code given as an argument, or on stdin";

    public string Help => $"""
        Usage: kpatch-script eval "CODE" {ScriptSettings.Usage}
               echo 'CODE' | kpatch-script eval {ScriptSettings.Usage}

        {Summary}, like 'run' (same dialect, options and exit codes); #load and #r paths are
        relative to the working directory.

        Options:
        {ScriptSettings.OptionsHelp}
        """;

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var (options, scriptArguments) = ScriptSettings.Split(arguments);
        var reader = new ArgumentReader(options, Name);
        var settings = ScriptSettings.Parse(reader, scriptArguments, environment.Defaults.Target);
        var code = options.Any(a => !a.StartsWith('-')) ? reader.Argument("code") : null;
        reader.EnsureConsumed();
        if (code is null)
        {
            code = environment.ReadInput?.Invoke()
                ?? throw new UsageException("eval needs code: kpatch-script eval \"Console.WriteLine(1);\", or the code on stdin");
        }

        return ScriptExecution.Run(() => ScriptClosure.FromCode(code, Environment.CurrentDirectory), settings, environment, environment.Verbose, cancellationToken);
    }
}
