using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>The options load and unload share: how the change is made, on which host, and how long its transition may take.</summary>
internal sealed record ModuleOptionGroup(bool Json, bool DryRun, string Target, TimeSpan? Timeout)
{
    public const string TimeoutExpected = "a whole number of seconds above 0";

    public static readonly Option TimeoutOption = new("--timeout", "SECONDS", "How long to wait for the transition (default: transition_timeout_seconds, 60)");

    private static readonly Option TargetOption = SharedOptions.Target.WithHelp("local (default) or ssh://USER@HOST[:PORT]; sysroot:DIR is read-only");

    /// <summary>The group's rows, in the order usage and help show them.</summary>
    public static Option[] Options => [SharedOptions.Json, SharedOptions.DryRun, TargetOption, TimeoutOption];

    public static ModuleOptionGroup Parse(ArgumentReader reader)
    {
        var seconds = OptionValues.WholeNumber(reader.Value(TimeoutOption), TimeoutOption.Name, TimeoutExpected);
        return new(reader.Flag(SharedOptions.Json), reader.Flag(SharedOptions.DryRun), reader.Value(TargetOption) ?? "local", seconds is { } s ? TimeSpan.FromSeconds(s) : null);
    }

    public void Validate() => OptionValues.RequirePositive(Timeout, TimeoutOption.Name, TimeoutExpected);
}
