using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>The options of <c>kpatch-script plugins list</c> and <c>plugins info NAME</c>.</summary>
/// <param name="Action">list or info.</param>
/// <param name="Name">The plugin info shows; null for list.</param>
/// <param name="Json">--json: print JSON.</param>
/// <param name="Plugins">--plugins: directories searched before the configured ones (checked to exist when the command runs).</param>
internal sealed record PluginsSettings(string Action, string? Name, bool Json, IReadOnlyList<string> Plugins) : IVerbSettings
{
    public const string Verb = "plugins";

    public static readonly PositionalArgument ActionArgument = new("list|info", "list or info NAME", "list: every plugin directory and plugin; info: one plugin");

    public static readonly PositionalArgument NameArgument = new("NAME", "a plugin name (plugins info NAME)", "The plugin 'info' shows");

    private static readonly Option JsonOption = SharedOptions.Json.WithHelp("Print JSON (schema: plugins.schema.json, version 1)");

    public static readonly OptionTable Table = new(Verb, [JsonOption, SharedOptions.Plugins, SharedOptions.Verbose], ActionArgument, NameArgument)
    {
        Forms = [new UsageForm("list"), new UsageForm("info NAME")],
    };

    public static PluginsSettings Parse(ArgumentReader reader)
    {
        var (json, plugins) = (reader.Flag(JsonOption), reader.Values(SharedOptions.Plugins));
        var action = reader.Argument(ActionArgument);
        return new(action, action == "info" ? reader.Argument(NameArgument) : null, json, plugins);
    }

    public void Validate()
    {
        if (Action is not ("list" or "info"))
        {
            throw new UsageException($"plugins takes list or info NAME, not '{Action}'; see 'kpatch-script {Verb} --help'");
        }
    }
}
