using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>The options of <c>kpatch-script load MODULE.ko</c> and <c>load --all</c>.</summary>
/// <param name="Module">MODULE.ko: the module to load, a path on the target; null with --all.</param>
/// <param name="Change">The options load and unload share.</param>
/// <param name="RevertOnStall">--revert-on-stall: a transition still running at the timeout reverses the load.</param>
/// <param name="All">--all: every module installed for the running kernel, as 'kpatch load --all' and kpatch.service do.</param>
/// <param name="Progress">--progress: print each step and each second of the transition wait as it comes.</param>
internal sealed record LoadSettings(string? Module, ModuleOptionGroup Change, bool RevertOnStall, bool All = false, bool Progress = false) : IVerbSettings
{
    public const string Verb = "load";

    public static readonly PositionalArgument ModuleArgument = new("MODULE.ko", "the path of a .ko file, or --all", "The live patch module to load: a path on the target");

    public static readonly Option RevertOnStallOption = new("--revert-on-stall", null, "Reverse a stalled load and remove the module");

    public static readonly Option AllOption = new("--all", null, "Load every module installed for the running kernel (in /var/lib/kpatch/<release>, then /usr/lib/kpatch/<release>)");

    public static readonly OptionTable Table = new(Verb, [AllOption, .. ModuleOptionGroup.Options, RevertOnStallOption, SharedOptions.Progress, SharedOptions.Verbose], ModuleArgument)
    {
        Forms = [new UsageForm(ModuleArgument.Name), new UsageForm("", Required: [AllOption])],
    };

    public static LoadSettings Parse(ArgumentReader reader)
    {
        var all = reader.Flag(AllOption);
        var change = ModuleOptionGroup.Parse(reader);
        var revert = reader.Flag(RevertOnStallOption);
        var progress = reader.Flag(SharedOptions.Progress);
        return new(all ? reader.ArgumentOrNull(ModuleArgument) : reader.Argument(ModuleArgument), change, revert, all, progress);
    }

    public void Validate()
    {
        if (All && Module is not null)
        {
            throw new UsageException($"load takes MODULE.ko or --all, not both ('{Module}' and --all); see 'kpatch-script {Verb} --help'");
        }

        Change.Validate();
    }
}
