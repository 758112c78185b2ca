using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>The arguments of <c>kpatch-script new NAME</c>.</summary>
/// <param name="Name">The script's name; .csx is added unless it ends with it.</param>
internal sealed record NewSettings(string Name) : IVerbSettings
{
    public const string Verb = "new";

    public static readonly PositionalArgument NameArgument = new("NAME", "a script name", "The script's name, or path: NAME.csx is written (.csx added when missing)");

    public static readonly OptionTable Table = new(Verb, [SharedOptions.Verbose], NameArgument);

    public static NewSettings Parse(ArgumentReader reader) => new(reader.Argument(NameArgument));

    /// <summary>No options of its own to weigh against each other; an existing file is refused when it is written, never overwritten.</summary>
    public void Validate()
    {
    }
}
