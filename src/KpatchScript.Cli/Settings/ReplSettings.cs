using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>The options of <c>kpatch-script repl</c>: what <c>run</c> takes, but the file, the cache and the deadline.</summary>
/// <param name="Target">--target, or the configured target.</param>
/// <param name="DryRun">--dry-run.</param>
/// <param name="Sources">--source: NuGet sources for #r "nuget: ...", tried first.</param>
/// <param name="Plugins">--plugins: plugin directories whose public types submissions can call.</param>
/// <param name="ScriptArguments">Args: everything after "--".</param>
internal sealed record ReplSettings(string Target, bool DryRun, IReadOnlyList<string> Sources, IReadOnlyList<string> Plugins, List<string> ScriptArguments) : IVerbSettings
{
    public const string Verb = "repl";

    public static readonly OptionTable Table = new(
        Verb,
        [ScriptOptionGroup.TargetOption, ScriptOptionGroup.DryRunOption, SharedOptions.Source, ScriptOptionGroup.PluginsOption, SharedOptions.Verbose.WithHelp("Full stack traces of exceptions")],
        ScriptOptionGroup.ScriptArguments)
    {
        EndsAtSeparator = true,
    };

    public static ReplSettings Parse(ArgumentReader reader, string defaultTarget) => new(
        reader.Value(ScriptOptionGroup.TargetOption) ?? defaultTarget,
        reader.Flag(ScriptOptionGroup.DryRunOption),
        reader.Values(SharedOptions.Source),
        reader.Values(ScriptOptionGroup.PluginsOption),
        reader.Rest);

    /// <summary>No rules between repl's options: each stands alone.</summary>
    public void Validate()
    {
    }
}
