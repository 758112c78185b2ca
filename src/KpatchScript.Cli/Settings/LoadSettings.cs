using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>The options of <c>kpatch-script load MODULE.ko</c>.</summary>
/// <param name="Module">MODULE.ko: the module to load, a path on the target.</param>
/// <param name="Change">The options load and unload share.</param>
/// <param name="RevertOnStall">--revert-on-stall: a transition still running at the timeout reverses the load.</param>
internal sealed record LoadSettings(string Module, ModuleOptionGroup Change, bool RevertOnStall) : IVerbSettings
{
    public const string Verb = "load";

    public static readonly PositionalArgument ModuleArgument = new("MODULE.ko", "the path of a .ko file", "The live patch module to load: a path on the target");

    public static readonly Option RevertOnStallOption = new("--revert-on-stall", null, "Reverse a stalled load and remove the module");

    public static readonly OptionTable Table = new(Verb, [.. ModuleOptionGroup.Options, RevertOnStallOption, SharedOptions.Verbose], ModuleArgument);

    public static LoadSettings Parse(ArgumentReader reader)
    {
        var change = ModuleOptionGroup.Parse(reader);
        var revert = reader.Flag(RevertOnStallOption);
        return new(reader.Argument(ModuleArgument), change, revert);
    }

    public void Validate() => Change.Validate();
}
