using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>The options of <c>kpatch-script info MODULE</c>.</summary>
/// <param name="Module">MODULE: a module name (installed for the running kernel, or loaded) or a .ko path on the target.</param>
/// <param name="Json">--json: print JSON.</param>
/// <param name="Target">--target, or the configured one.</param>
internal sealed record InfoSettings(string Module, bool Json, string Target) : IVerbSettings
{
    public const string Verb = "info";

    public static readonly PositionalArgument ModuleArgument = new("MODULE", "a module name or the path of a .ko file", "A module name as 'kpatch-script status' shows it, or the path of a .ko file on the target");

    private static readonly Option JsonOption = SharedOptions.Json.WithHelp("Print JSON (schema: module-info.schema.json, version 1)");

    public static readonly OptionTable Table = new(Verb, [JsonOption, SharedOptions.Target, SharedOptions.Verbose], ModuleArgument);

    public static InfoSettings Parse(ArgumentReader reader, string defaultTarget) =>
        new(reader.Argument(ModuleArgument), reader.Flag(JsonOption), reader.Value(SharedOptions.Target) ?? defaultTarget);

    /// <summary>No rules between info's options: each stands alone.</summary>
    public void Validate()
    {
    }
}
