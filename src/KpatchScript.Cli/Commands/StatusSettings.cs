using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Commands;

/// <summary>The options of <c>kpatch-script status</c>.</summary>
internal sealed record StatusSettings(bool Json, string Target, bool CheckUpdates)
{
    public static StatusSettings Parse(ArgumentReader reader, string defaultTarget)
    {
        var settings = new StatusSettings(reader.Flag("--json"), reader.Option("--target") ?? defaultTarget, reader.Flag("--check-updates"));
        reader.EnsureConsumed();
        return settings;
    }
}
