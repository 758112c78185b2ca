using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Commands;

/// <summary>The options of <c>kpatch-script status</c>.</summary>
internal sealed record StatusSettings(bool Json, string Target)
{
    public static StatusSettings Parse(ArgumentReader reader)
    {
        var settings = new StatusSettings(reader.Flag("--json"), reader.Option("--target") ?? "local");
        reader.EnsureConsumed();
        return settings;
    }
}
