using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Scaffolding;
using KpatchScript.Cli.Settings;
using KpatchScript.Serialization;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script new NAME</c>: a script to start from, executable, with a shebang.</summary>
internal sealed class NewCommand : ICliCommand
{
    public string Name => NewSettings.Verb;

    public string Summary => "Create a script to start from (NAME.csx, executable, with a #! line)";

    public OptionTable Options => NewSettings.Table;

    public string Help => HelpText.Of(Options, """
        Writes NAME.csx (UTF-8 without BOM, LF; a BOM would hide the #! line) in the working
        directory, executable, starting with '#!/usr/bin/env kpatch-script', so ./NAME.csx runs it.
        An existing file is never overwritten.
        """, """
        Exit codes: 0 created, 1 the file exists or cannot be written, 2 wrong command line.
        """);

    public static NewSettings Parse(IReadOnlyList<string> arguments, CliEnvironment environment) =>
        NewSettings.Table.Read(arguments, NewSettings.Parse);

    IVerbSettings ICliCommand.Parse(IReadOnlyList<string> arguments, CliEnvironment environment) => Parse(arguments, environment);

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var name = Parse(arguments, environment).Name;
        var path = StarterFiles.ScriptPath(name);
        try
        {
            if (!StarterFiles.TryCreate(path, StarterFiles.Script(Path.GetFileName(path)), executable: true))
            {
                environment.Error.WriteLine(SafeText.Of($"kpatch-script: error: {path} already exists; choose another name"));
                return ExitCodes.Failure;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            environment.Error.WriteLine(SafeText.Of($"kpatch-script: error: cannot write {path}: {ex.Message}"));
            return ExitCodes.Failure;
        }

        environment.Out.WriteLine(SafeText.Of($"created {path}; run it with ./{Path.GetFileName(path)} or kpatch-script run {Path.GetFileName(path)}"));
        return ExitCodes.Ok;
    }
}
