using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>
/// The options of <c>kpatch-script exec FILE.dll</c>: run's, but those of compiling (--no-cache,
/// --source); its command line splits as run's does (<see cref="RunArguments"/>).
/// </summary>
/// <param name="File">The published assembly.</param>
/// <param name="Target">--target, or the configured target.</param>
/// <param name="DryRun">--dry-run.</param>
/// <param name="Timeout">--timeout.</param>
/// <param name="Plugins">--plugins: directories of the plugins the script was published against.</param>
/// <param name="ScriptArguments">Args: the words after the file, then everything after "--".</param>
internal sealed record ExecSettings(string File, string Target, bool DryRun, TimeSpan? Timeout, IReadOnlyList<string> Plugins, List<string> ScriptArguments) : IVerbSettings
{
    public const string Verb = "exec";

    public static readonly PositionalArgument FileArgument = new("FILE.dll", "a published script (FILE.dll)", "What 'kpatch-script publish' wrote (NAME.dll, with NAME.kpatch-script.json beside it)");

    public static readonly OptionTable Table = new(
        Verb,
        [ScriptOptionGroup.TargetOption, ScriptOptionGroup.DryRunOption, ScriptOptionGroup.TimeoutOption, ScriptOptionGroup.PluginsOption, SharedOptions.Verbose.WithHelp("Full stack traces of script exceptions")],
        FileArgument,
        RunSettings.Words,
        ScriptOptionGroup.ScriptArguments)
    {
        EndsAtSeparator = true,
    };

    public static ExecSettings Parse(ArgumentReader reader, string defaultTarget)
    {
        var (target, dryRun) = (reader.Value(ScriptOptionGroup.TargetOption) ?? defaultTarget, reader.Flag(ScriptOptionGroup.DryRunOption));
        var timeout = OptionValues.Seconds(reader.Value(ScriptOptionGroup.TimeoutOption), ScriptOptionGroup.TimeoutOption.Name, ScriptOptionGroup.TimeoutExpected);
        var plugins = reader.Values(ScriptOptionGroup.PluginsOption);
        return new(reader.Argument(FileArgument), target, dryRun, timeout, plugins, reader.Rest);
    }

    public void Validate() => OptionValues.RequirePositive(Timeout, ScriptOptionGroup.TimeoutOption.Name, ScriptOptionGroup.TimeoutExpected);
}
