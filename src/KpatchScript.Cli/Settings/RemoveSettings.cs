using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>The options of <c>kpatch-script remove</c>: the package options it shares with install and update.</summary>
/// <param name="Package">The package options.</param>
/// <param name="Progress">--progress: print each line dnf prints as it comes.</param>
internal sealed record RemoveSettings(PackageOptionGroup Package, bool Progress) : IVerbSettings
{
    public const string Verb = "remove";

    public static readonly OptionTable Table = new(Verb, [.. PackageOptionGroup.Options, SharedOptions.Progress, SharedOptions.Verbose]);

    public static RemoveSettings Parse(ArgumentReader reader, string? defaultInstallRoot) => new(PackageOptionGroup.Parse(reader, defaultInstallRoot), reader.Flag(SharedOptions.Progress));

    /// <summary>No rules between remove's options: a package that is not installed is refused at run time, naming the kernel.</summary>
    public void Validate()
    {
    }
}
