using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>The options of <c>kpatch-script install</c>: the package options it shares with update, available and auto-update.</summary>
/// <param name="Package">The package options.</param>
/// <param name="Progress">--progress: print each line dnf prints as it comes.</param>
internal sealed record InstallSettings(PackageOptionGroup Package, bool Progress) : IVerbSettings
{
    public const string Verb = "install";

    public static readonly OptionTable Table = new(Verb, [.. PackageOptionGroup.Options, SharedOptions.Progress, SharedOptions.Verbose]);

    public static InstallSettings Parse(ArgumentReader reader, string? defaultInstallRoot) => new(PackageOptionGroup.Parse(reader, defaultInstallRoot), reader.Flag(SharedOptions.Progress));

    /// <summary>No rules between install's options: a read-only target is refused by the target itself, naming it.</summary>
    public void Validate()
    {
    }
}
