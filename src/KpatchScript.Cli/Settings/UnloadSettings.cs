using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>The options of <c>kpatch-script unload PATCH --i-understand-this-is-unsupported</c>.</summary>
/// <param name="Patch">PATCH: a patch name or the path of its .ko file.</param>
/// <param name="Acknowledged">The acknowledgement was given; without it unload refuses (at run time, naming the KB article).</param>
/// <param name="Change">The options load and unload share.</param>
internal sealed record UnloadSettings(string Patch, bool Acknowledged, ModuleOptionGroup Change) : IVerbSettings
{
    public const string Verb = "unload";

    public static readonly PositionalArgument PatchArgument = new("PATCH", "a patch name or .ko path", "The patch name as 'kpatch-script status' shows it, or the path of its .ko file");

    public static readonly Option AcknowledgementOption = new("--i-understand-this-is-unsupported", null, "Revert although it is unsupported");

    // The acknowledgement is optional to the parser (without it unload refuses, saying why) but not to the user: usage shows it required.
    public static readonly OptionTable Table = new(Verb, [AcknowledgementOption, .. ModuleOptionGroup.Options, SharedOptions.Verbose], PatchArgument)
    {
        Forms = [new UsageForm(PatchArgument.Name, Required: [AcknowledgementOption])],
    };

    public static UnloadSettings Parse(ArgumentReader reader)
    {
        var change = ModuleOptionGroup.Parse(reader);
        var acknowledged = reader.Flag(AcknowledgementOption);
        return new(reader.Argument(PatchArgument), acknowledged, change);
    }

    public void Validate() => Change.Validate();
}
