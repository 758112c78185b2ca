using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>The options run and eval share: what the facade connects to, how the script is compiled and how long it may run.</summary>
/// <param name="Target">--target, or the configured target.</param>
/// <param name="DryRun">--dry-run.</param>
/// <param name="NoCache">--no-cache: compile again, store nothing.</param>
/// <param name="Timeout">--timeout.</param>
/// <param name="Sources">--source: NuGet sources for #r "nuget: ...", tried first.</param>
/// <param name="Plugins">The values of --plugins: plugin directories whose plugins' public types the script can call.</param>
internal sealed record ScriptOptionGroup(string Target, bool DryRun, bool NoCache, TimeSpan? Timeout, IReadOnlyList<string> Sources, IReadOnlyList<string> Plugins)
{
    public const string TimeoutExpected = "a number of seconds above 0";

    public static readonly Option NoCacheOption = new("--no-cache", null, "Compile again, and do not store the result");

    public static readonly Option TimeoutOption = new("--timeout", "SECONDS", "Cancel Kpatch.Cancellation after SECONDS; a script that does not stop within\n2 s more is abandoned (exit 124)");

    public static readonly Option TargetOption = SharedOptions.Target.WithHelp("What Kpatch.Connect() connects to: local (default; or the configured\ntarget), sysroot:DIR, ssh://USER@HOST[:PORT]");

    public static readonly Option DryRunOption = SharedOptions.DryRun.WithHelp("Every facade call that would change the host prints its plan and changes nothing");

    public static readonly Option PluginsOption = SharedOptions.Plugins.WithHelp("A plugin directory, searched before the configured ones. The plugins'\npublic types are referenced by the script, and their checks run in VerifyAsync");

    /// <summary>The group's rows, in the order usage and help show them; --verbose says what it does for a script.</summary>
    public static Option[] Options => [TargetOption, DryRunOption, NoCacheOption, TimeoutOption, SharedOptions.Source, PluginsOption, SharedOptions.Verbose.WithHelp("Full stack traces of script exceptions")];

    /// <summary>What follows "--": the script's Args, as they are.</summary>
    public static readonly PositionalArgument ScriptArguments = new("[-- ARGS...]", "arguments for the script", "Arguments for the script (Args), options too") { AfterOptions = true };

    public static ScriptOptionGroup Parse(ArgumentReader reader, string defaultTarget) => new(
        reader.Value(TargetOption) ?? defaultTarget,
        reader.Flag(DryRunOption),
        reader.Flag(NoCacheOption),
        OptionValues.Seconds(reader.Value(TimeoutOption), TimeoutOption.Name, TimeoutExpected),
        reader.Values(SharedOptions.Source),
        reader.Values(PluginsOption));

    public void Validate() => OptionValues.RequirePositive(Timeout, TimeoutOption.Name, TimeoutExpected);
}
