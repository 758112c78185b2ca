using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>The options of <c>kpatch-script check FILE.csx</c>.</summary>
/// <param name="File">The script file (FILE.csx).</param>
/// <param name="Sources">--source: NuGet sources for #r "nuget: ...", tried first.</param>
/// <param name="Plugins">--plugins: directories whose plugins' public types the script references.</param>
internal sealed record CheckSettings(string File, IReadOnlyList<string> Sources, IReadOnlyList<string> Plugins) : IVerbSettings
{
    public const string Verb = "check";

    public static readonly PositionalArgument FileArgument = new("FILE.csx", "a script file (FILE.csx)", "The script to compile and analyze, with what it #loads");

    private static readonly Option PluginsOption = SharedOptions.Plugins.WithHelp("A plugin directory, searched before the configured ones: its plugins'\npublic types are referenced, as under run");

    public static readonly OptionTable Table = new(Verb, [SharedOptions.Source, PluginsOption, SharedOptions.Verbose], FileArgument);

    public static CheckSettings Parse(ArgumentReader reader)
    {
        var (sources, plugins) = (reader.Values(SharedOptions.Source), reader.Values(PluginsOption));
        return new(reader.Argument(FileArgument), sources, plugins);
    }

    /// <summary>No rules between check's options: each stands alone.</summary>
    public void Validate()
    {
    }
}
