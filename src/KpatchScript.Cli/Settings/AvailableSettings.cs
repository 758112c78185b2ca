using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>
/// The options of <c>kpatch-script available</c>: the package options of install and update, so a
/// line that works for one works for the other (<c>--dry-run</c> is accepted and changes nothing: available only reads).
/// </summary>
internal sealed record AvailableSettings(PackageOptionGroup Package) : IVerbSettings
{
    public const string Verb = "available";

    public static readonly OptionTable Table = new(Verb, [.. PackageOptionGroup.Options, SharedOptions.Verbose]);

    public static AvailableSettings Parse(ArgumentReader reader, string? defaultInstallRoot) => new(PackageOptionGroup.Parse(reader, defaultInstallRoot));

    /// <summary>No rules between available's options: each stands alone.</summary>
    public void Validate()
    {
    }
}
