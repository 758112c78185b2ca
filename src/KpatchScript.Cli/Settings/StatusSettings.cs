using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>The options of <c>kpatch-script status</c>.</summary>
/// <param name="Json">--json.</param>
/// <param name="Target">--target, or the configured one.</param>
/// <param name="CheckUpdates">--check-updates: ask dnf too.</param>
/// <param name="Plugins">The values of <c>--plugins</c>: their checks join the verification the verdict is judged from, as in verify.</param>
internal sealed record StatusSettings(bool Json, string Target, bool CheckUpdates, IReadOnlyList<string> Plugins) : IVerbSettings
{
    public const string Verb = "status";

    private static readonly Option JsonOption = SharedOptions.Json.WithHelp("Print the status as JSON, the verdict object included (schema:\nhost-status.schema.json, version 2)");
    private static readonly Option CheckUpdatesOption = SharedOptions.CheckUpdates.WithHelp("Also ask dnf for newer live patches, the CVEs they would add, and whether the running kernel is kpatch-eligible (its support window then starts at its first live patch package) (slower)");
    private static readonly Option TargetOption = SharedOptions.Target.WithHelp("local (default; or the configured target), sysroot:DIR (a captured tree\nlaid out like /) or ssh://USER@HOST[:PORT]");
    private static readonly Option PluginsOption = SharedOptions.Plugins.WithHelp("A plugin directory, searched before the configured ones: its checks join the verdict");

    public static readonly OptionTable Table = new(Verb, [JsonOption, CheckUpdatesOption, TargetOption, PluginsOption, SharedOptions.Verbose]);

    public static StatusSettings Parse(ArgumentReader reader, string defaultTarget) =>
        new(reader.Flag(JsonOption), reader.Value(TargetOption) ?? defaultTarget, reader.Flag(CheckUpdatesOption), reader.Values(PluginsOption));

    /// <summary>No rules between status's options: each stands alone.</summary>
    public void Validate()
    {
    }
}
