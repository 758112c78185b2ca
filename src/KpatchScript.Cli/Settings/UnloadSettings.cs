using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>The options of <c>kpatch-script unload PATCH|--all --i-understand-this-is-unsupported</c>.</summary>
/// <param name="Patch">PATCH: a patch name or the path of its .ko file; null with --all.</param>
/// <param name="Acknowledged">The acknowledgement was given; without it unload refuses (at run time, naming the KB article).</param>
/// <param name="Change">The options load and unload share.</param>
/// <param name="All">--all: every loaded live patch, newest first.</param>
/// <param name="Progress">--progress: print each step and each second of the transition wait as it comes.</param>
internal sealed record UnloadSettings(string? Patch, bool Acknowledged, ModuleOptionGroup Change, bool All = false, bool Progress = false) : IVerbSettings
{
    public const string Verb = "unload";

    public static readonly PositionalArgument PatchArgument = new("PATCH", "a patch name or .ko path, or --all", "The patch name as 'kpatch-script status' shows it, or the path of its .ko file");

    public static readonly Option AcknowledgementOption = new("--i-understand-this-is-unsupported", null, "Revert although it is unsupported");

    public static readonly Option AllOption = new("--all", null, "Revert every loaded live patch, newest first");

    // The acknowledgement is optional to the parser (without it unload refuses, saying why) but not to the user: usage shows it required.
    public static readonly OptionTable Table = new(Verb, [AcknowledgementOption, AllOption, .. ModuleOptionGroup.Options, SharedOptions.Progress, SharedOptions.Verbose], PatchArgument)
    {
        Forms =
        [
            new UsageForm(PatchArgument.Name, Required: [AcknowledgementOption]),
            new UsageForm("", Required: [AllOption, AcknowledgementOption]),
        ],
    };

    public static UnloadSettings Parse(ArgumentReader reader)
    {
        var all = reader.Flag(AllOption);
        var change = ModuleOptionGroup.Parse(reader);
        var acknowledged = reader.Flag(AcknowledgementOption);
        var progress = reader.Flag(SharedOptions.Progress);
        return new(all ? reader.ArgumentOrNull(PatchArgument) : reader.Argument(PatchArgument), acknowledged, change, all, progress);
    }

    public void Validate()
    {
        if (All && Patch is not null)
        {
            throw new UsageException($"unload takes PATCH or --all, not both ('{Patch}' and --all); see 'kpatch-script {Verb} --help'");
        }

        Change.Validate();
    }
}
