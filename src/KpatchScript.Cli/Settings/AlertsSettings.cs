using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>The options of <c>kpatch-script alerts</c>.</summary>
/// <param name="DryRun">Evaluate and print; deliver nothing, change no state.</param>
/// <param name="Json">--json: print JSON.</param>
/// <param name="CheckUpdates">--check-updates: ask dnf for newer live patches too.</param>
/// <param name="Templates">--templates: where alert.txt and alert.json are looked for first.</param>
/// <param name="Target">--target, or the configured target.</param>
/// <param name="Plugins">The values of --plugins.</param>
internal sealed record AlertsSettings(bool DryRun, bool Json, bool CheckUpdates, string? Templates, string Target, IReadOnlyList<string> Plugins) : IVerbSettings
{
    public const string Verb = "alerts";

    private static readonly Option DryRunOption = SharedOptions.DryRun.WithHelp("Evaluate and print what would be sent; deliver nothing, change no state");
    private static readonly Option JsonOption = SharedOptions.Json.WithHelp("Print the evaluation as JSON: verdict, active, pending, notifications,\nundetermined rules, sink results");
    private static readonly Option CheckUpdatesOption = SharedOptions.CheckUpdates.WithHelp("Ask dnf for newer live patches (for patch-available)");
    private static readonly Option TemplatesOption = SharedOptions.Templates.WithHelp("Look for alert.txt and alert.json in DIR first");
    private static readonly Option PluginsOption = SharedOptions.Plugins.WithHelp("A plugin directory, searched before the configured ones: its sinks\nreceive the notifications, its checks join the verification");

    public static readonly OptionTable Table = new(Verb, [DryRunOption, JsonOption, CheckUpdatesOption, TemplatesOption, SharedOptions.Target, PluginsOption, SharedOptions.Verbose]);

    public static AlertsSettings Parse(ArgumentReader reader, string defaultTarget) => new(
        reader.Flag(DryRunOption),
        reader.Flag(JsonOption),
        reader.Flag(CheckUpdatesOption),
        reader.Value(TemplatesOption),
        reader.Value(SharedOptions.Target) ?? defaultTarget,
        reader.Values(PluginsOption));

    /// <summary>No rules between alerts' options: --dry-run and --json go together (the evaluation as JSON, nothing delivered).</summary>
    public void Validate()
    {
    }
}
