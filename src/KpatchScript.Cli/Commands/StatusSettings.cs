using KpatchScript.Cli.CommandLine;
using KpatchScript.Cli.Plugins;

namespace KpatchScript.Cli.Commands;

/// <summary>The options of <c>kpatch-script status</c>.</summary>
/// <param name="Json">--json.</param>
/// <param name="Target">--target, or the configured one.</param>
/// <param name="CheckUpdates">--check-updates: ask dnf too.</param>
/// <param name="Plugins">The values of <c>--plugins</c>: their checks join the verification the verdict is judged from, as in verify.</param>
internal sealed record StatusSettings(bool Json, string Target, bool CheckUpdates, IReadOnlyList<string> Plugins)
{
    public static StatusSettings Parse(ArgumentReader reader, string defaultTarget)
    {
        var settings = new StatusSettings(reader.Flag("--json"), reader.Option("--target") ?? defaultTarget, reader.Flag("--check-updates"), reader.Options(CliPlugins.Option));
        reader.EnsureConsumed();
        return settings;
    }
}
