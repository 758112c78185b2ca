using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.ScriptRuns;
using KpatchScript.Cli.Settings;
using KpatchScript.Scripting.Directives;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script eval "code"</c>, or the code on stdin.</summary>
internal sealed class EvalCommand : ICliCommand
{
    public string Name => EvalSettings.Verb;

    public string Summary => "Run C# script code given as an argument, or on stdin";

    public OptionTable Options => EvalSettings.Table;

    public string Help => HelpText.Of(Options, $"""
        {Summary}, like 'run' (same dialect, options and exit codes); #load and #r paths are
        relative to the working directory. Without "CODE", the code is read from stdin
        (echo 'CODE' | kpatch-script eval).
        """, """
        Exit codes: as run's.
        """);

    public static EvalSettings Parse(IReadOnlyList<string> arguments, CliEnvironment environment) =>
        EvalSettings.Table.Read(arguments, reader => EvalSettings.Parse(reader, environment.Defaults.Target));

    IVerbSettings ICliCommand.Parse(IReadOnlyList<string> arguments, CliEnvironment environment) => Parse(arguments, environment);

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var settings = Parse(arguments, environment);
        var code = settings.Code ?? environment.ReadInput?.Invoke()
            ?? throw new UsageException("eval needs code: kpatch-script eval \"Console.WriteLine(1);\", or the code on stdin");
        return ScriptExecution.Run(() => ScriptClosure.FromCode(code, Environment.CurrentDirectory), settings.Script, settings.ScriptArguments, environment, cancellationToken);
    }
}
