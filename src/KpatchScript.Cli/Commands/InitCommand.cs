using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Scaffolding;
using KpatchScript.Cli.Settings;
using KpatchScript.Serialization;

namespace KpatchScript.Cli.Commands;

/// <summary>
/// <c>kpatch-script init [NAME]</c>: what <c>dotnet script init</c> writes, in the working directory:
/// a script to start from (main.csx unless named), <c>omnisharp.json</c> (so the editor resolves
/// <c>#r "nuget:"</c>) and <c>.vscode/launch.json</c> (runs the open script under this kpatch-script).
/// A file that exists is kept, and said so.
/// </summary>
internal sealed class InitCommand : ICliCommand
{
    public string Name => InitSettings.Verb;

    public string Summary => "Start a script folder as dotnet-script init does (main.csx, omnisharp.json, .vscode/launch.json)";

    public OptionTable Options => InitSettings.Table;

    public string Help => HelpText.Of(Options, """
        Writes, in the working directory, what 'dotnet script init' writes: NAME.csx (main.csx when
        no NAME is given; executable, with a #! line, as 'new' writes it), omnisharp.json (OmniSharp
        resolves #r "nuget: ..." lines, framework net10.0) and .vscode/launch.json (VS Code runs the
        open script under this kpatch-script). A file that exists is kept as it is, and listed as kept.
        """, """
        Exit codes: 0 every file written or kept, 1 a file cannot be written, 2 wrong command line.
        """);

    public static InitSettings Parse(IReadOnlyList<string> arguments) => InitSettings.Table.Read(arguments, InitSettings.Parse);

    IVerbSettings ICliCommand.Parse(IReadOnlyList<string> arguments, CliEnvironment environment) => Parse(arguments);

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var script = StarterFiles.ScriptPath(Parse(arguments).Name);
        var folder = Path.GetDirectoryName(script)!;
        (string Path, Func<string> Text, bool Executable)[] files =
        [
            (script, () => StarterFiles.Script(Path.GetFileName(script)), true),
            (Path.Combine(folder, "omnisharp.json"), StarterFiles.OmniSharp, false),
            (Path.Combine(folder, ".vscode", "launch.json"), StarterFiles.Launch, false),
        ];
        foreach (var (path, text, executable) in files)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var created = StarterFiles.TryCreate(path, text(), executable);
                environment.Out.WriteLine(SafeText.Of($"{(created ? "created" : "kept (exists)")} {path}"));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                environment.Error.WriteLine(SafeText.Of($"kpatch-script: error: cannot write {path}: {ex.Message}"));
                return ExitCodes.Failure;
            }
        }

        return ExitCodes.Ok;
    }
}
