using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>The options of <c>kpatch-script remove</c>: the package options it shares with install and update.</summary>
internal sealed record RemoveSettings(PackageOptionGroup Package) : IVerbSettings
{
    public const string Verb = "remove";

    public static readonly OptionTable Table = new(Verb, [.. PackageOptionGroup.Options, SharedOptions.Verbose]);

    public static RemoveSettings Parse(ArgumentReader reader, string? defaultInstallRoot) => new(PackageOptionGroup.Parse(reader, defaultInstallRoot));

    /// <summary>No rules between remove's options: a package that is not installed is refused at run time, naming the kernel.</summary>
    public void Validate()
    {
    }
}
