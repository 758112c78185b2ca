using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Commands;

/// <summary>The options of <c>kpatch-script status</c>.</summary>
internal sealed record StatusSettings(bool Json, string Target, bool CheckUpdates)
{
    public static StatusSettings Parse(ArgumentReader reader)
    {
        var settings = new StatusSettings(reader.Flag("--json"), reader.Option("--target") ?? "local", reader.Flag("--check-updates"));
        reader.EnsureConsumed();
        return settings;
    }
}
