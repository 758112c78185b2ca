using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Plugins;
using KpatchScript.Cli.Settings;
using KpatchScript.Scripting;
using KpatchScript.Scripting.Directives;
using KpatchScript.Serialization;

namespace KpatchScript.Cli.Commands;

/// <summary><c>kpatch-script publish FILE.csx [-o DIR]</c>: compile once, for <c>exec</c> to run without the compiler.</summary>
internal sealed class PublishCommand : ICliCommand
{
    public string Name => PublishSettings.Verb;

    public string Summary => "Compile a script into a DLL that 'exec' runs without the compiler";

    public OptionTable Options => PublishSettings.Table;

    public string Help => HelpText.Of(Options, """
        Compiles FILE.csx and everything it #loads, resolving its #r and #r "nuget:" references,
        and checks it as 'check' does (the KPS rules included: an error publishes nothing). Writes
        to DIR (default ./publish/NAME): NAME.dll, the #r and package assemblies it loads, and
        NAME.kpatch-script.json, the manifest 'exec' reads (entry point, files, and the kpatch-script
        version and build it was compiled against). 'kpatch-script exec DIR/NAME.dll' runs it.
        As dotnet-script's 'publish --dll'; there is no self-contained executable: exec needs
        kpatch-script, of the same version and build.
        """, """
        Exit codes: 0 published, 1 compile errors or the folder cannot be written, 2 wrong command line.
        """);

    public static PublishSettings Parse(IReadOnlyList<string> arguments, CliEnvironment environment) =>
        PublishSettings.Table.Read(arguments, PublishSettings.Parse);

    IVerbSettings ICliCommand.Parse(IReadOnlyList<string> arguments, CliEnvironment environment) => Parse(arguments, environment);

    public int Run(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var settings = Parse(arguments, environment);
        try
        {
            var closure = ScriptClosure.FromFile(settings.File);
            var directory = settings.Output ?? Path.Combine("publish", Path.GetFileNameWithoutExtension(closure.Main.Path));
            var host = new ScriptHost(cache: null, environment.Error, settings.Sources, environment.Config.ScriptRules, CliPlugins.Load(settings.Plugins, environment).Scripts);
            var published = host.Publish(closure, directory, cancellationToken);
            environment.Out.WriteLine(SafeText.Of($"published {closure.Main.Path} to {published.Assembly} ({published.References} assembl{(published.References == 1 ? "y" : "ies")} beside it); run it with: kpatch-script exec {published.Assembly}"));
            return ExitCodes.Ok;
        }
        catch (ScriptException ex)
        {
            environment.Error.WriteLine(SafeText.Lines(ex.Message));
            return ExitCodes.Failure;
        }
    }
}
