using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>The options of <c>kpatch-script publish FILE.csx</c>.</summary>
/// <param name="File">The script.</param>
/// <param name="Output">-o, --output: the folder; null for ./publish/NAME.</param>
/// <param name="Sources">--source: NuGet sources for #r "nuget: ...", tried first.</param>
/// <param name="Plugins">--plugins: directories whose plugins' public types the script references.</param>
internal sealed record PublishSettings(string File, string? Output, IReadOnlyList<string> Sources, IReadOnlyList<string> Plugins) : IVerbSettings
{
    public const string Verb = "publish";

    public static readonly PositionalArgument FileArgument = new("FILE.csx", "a script file (FILE.csx)", "The script to publish, with what it #loads and references");

    public static readonly Option OutputOption = new("--output", "DIR", "Where NAME.dll and what it needs go (default: ./publish/NAME, NAME the\nscript's file name without .csx)") { Alias = "-o" };

    private static readonly Option PluginsOption = SharedOptions.Plugins.WithHelp("A plugin directory, searched before the configured ones: its plugins'\npublic types are referenced (exec then needs the same plugins)");

    public static readonly OptionTable Table = new(Verb, [OutputOption, SharedOptions.Source, PluginsOption, SharedOptions.Verbose], FileArgument);

    public static PublishSettings Parse(ArgumentReader reader)
    {
        var (output, sources, plugins) = (reader.Value(OutputOption), reader.Values(SharedOptions.Source), reader.Values(PluginsOption));
        return new(reader.Argument(FileArgument), output, sources, plugins);
    }

    /// <summary>No rules between publish's options: each stands alone.</summary>
    public void Validate()
    {
    }
}
