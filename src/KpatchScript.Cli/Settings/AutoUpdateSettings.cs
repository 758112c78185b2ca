using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>The options of <c>kpatch-script auto-update on|off|status</c>.</summary>
/// <param name="Action">on, off or status.</param>
/// <param name="Package">The options of the package verbs.</param>
internal sealed record AutoUpdateSettings(string Action, PackageOptionGroup Package) : IVerbSettings
{
    public const string Verb = "auto-update";

    public static readonly PositionalArgument ActionArgument = new("on|off|status", "on, off or status",
        "on: dnf kpatch auto; off: dnf kpatch manual; status: the autoupdate setting");

    public static readonly OptionTable Table = new(Verb, [.. PackageOptionGroup.Options, SharedOptions.Verbose], ActionArgument);

    public static AutoUpdateSettings Parse(ArgumentReader reader, string? defaultInstallRoot)
    {
        var package = PackageOptionGroup.Parse(reader, defaultInstallRoot);
        return new(reader.Argument(ActionArgument), package);
    }

    public void Validate()
    {
        if (Action is not ("on" or "off" or "status"))
        {
            throw new UsageException($"{Verb} needs {ActionArgument.What}; see 'kpatch-script {Verb} --help'");
        }
    }
}
