using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>The arguments of <c>kpatch-script init [NAME]</c>.</summary>
/// <param name="Name">The script's name (main.csx when none is given); .csx is added unless it ends with it.</param>
internal sealed record InitSettings(string Name) : IVerbSettings
{
    public const string Verb = "init";

    public static readonly PositionalArgument NameArgument = new("NAME", "a script name", "The script's name, or path (default main): NAME.csx is written (.csx added when missing)");

    public static readonly OptionTable Table = new(Verb, [SharedOptions.Verbose], NameArgument)
    {
        Forms = [new UsageForm(""), new UsageForm(NameArgument.Name)],
    };

    public static InitSettings Parse(ArgumentReader reader) => new(reader.ArgumentOrNull(NameArgument) ?? "main");

    /// <summary>No options of its own; files that exist are kept, never overwritten.</summary>
    public void Validate()
    {
    }
}
