using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>The options of <c>kpatch-script verify</c>.</summary>
/// <param name="Json">--json: print JSON.</param>
/// <param name="Nagios">--nagios: one Nagios plugin line instead of the text or JSON.</param>
/// <param name="CheckUpdates">--check-updates: ask dnf for newer live patches too.</param>
/// <param name="Target">--target, or the configured target.</param>
/// <param name="Plugins">The values of <c>--plugins</c>: their checks run after the built-in ones.</param>
internal sealed record VerifySettings(bool Json, bool Nagios, bool CheckUpdates, string Target, IReadOnlyList<string> Plugins) : IVerbSettings
{
    public const string Verb = "verify";

    /// <summary>Also read when verify fails before its settings are read: its failure line goes to stdout then.</summary>
    public static readonly Option NagiosOption = new("--nagios", null, "Print one Nagios status line, the verdict's summary, with performance data");

    private static readonly Option JsonOption = SharedOptions.Json.WithHelp("Print the report as JSON: the verdict, the checks' worst result and the checks\n(schema: verification.schema.json, version 2)");
    private static readonly Option CheckUpdatesOption = SharedOptions.CheckUpdates.WithHelp("Also ask dnf for newer live patches: an available update is then a reason (action needed)");
    private static readonly Option PluginsOption = SharedOptions.Plugins.WithHelp("A plugin directory, searched before the configured ones: its checks run too");

    public static readonly OptionTable Table = new(Verb, [JsonOption, NagiosOption, CheckUpdatesOption, SharedOptions.Target, PluginsOption, SharedOptions.Verbose]);

    public static VerifySettings Parse(ArgumentReader reader, string defaultTarget) =>
        new(reader.Flag(JsonOption), reader.Flag(NagiosOption), reader.Flag(CheckUpdatesOption), reader.Value(SharedOptions.Target) ?? defaultTarget, reader.Values(PluginsOption));

    public void Validate()
    {
        if (Json && Nagios)
        {
            throw new UsageException("--json and --nagios are alternatives; choose one");
        }
    }
}
