using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>The options of <c>kpatch-script eval "CODE"</c>, or of eval with the code on stdin.</summary>
/// <param name="Code">The code given as an argument; null: it is read from stdin when the command runs.</param>
/// <param name="Script">The options eval shares with run.</param>
/// <param name="ScriptArguments">The script's Args: everything after "--".</param>
internal sealed record EvalSettings(string? Code, ScriptOptionGroup Script, List<string> ScriptArguments) : IVerbSettings
{
    public const string Verb = "eval";

    public static readonly PositionalArgument CodeArgument = new("\"CODE\"", "code", "C# script code; without it, the code is read from stdin");

    public static readonly OptionTable Table = new(Verb, ScriptOptionGroup.Options, CodeArgument, ScriptOptionGroup.ScriptArguments)
    {
        EndsAtSeparator = true,
        Forms = [new UsageForm(CodeArgument.Name, Trailer: ScriptOptionGroup.ScriptArguments.Name), new UsageForm("", Trailer: ScriptOptionGroup.ScriptArguments.Name)],
    };

    public static EvalSettings Parse(ArgumentReader reader, string defaultTarget)
    {
        var script = ScriptOptionGroup.Parse(reader, defaultTarget);
        return new(reader.ArgumentOrNull(CodeArgument), script, reader.Rest);
    }

    public void Validate() => Script.Validate();
}
