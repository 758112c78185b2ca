using KpatchScript.Cli.CommandLine;
using KpatchScript.Parsing;

namespace KpatchScript.Cli.Settings;

/// <summary>The options of <c>kpatch-script downgrade</c>: the package options, and which older version to go to.</summary>
/// <param name="Package">The options it shares with install, update and remove.</param>
/// <param name="ToVersion">--to: exactly this <c>[EPOCH:]VERSION-RELEASE</c>; null: the newest older one in the repositories.</param>
/// <param name="Progress">--progress: print each line dnf prints as it comes.</param>
internal sealed record DowngradeSettings(PackageOptionGroup Package, string? ToVersion, bool Progress) : IVerbSettings
{
    public const string Verb = "downgrade";

    public const string ToExpected = "a package version-release such as 1-2.el9_2 (with an epoch, 1:1.0-1.el9_5)";

    public static readonly Option To = new("--to", "VERSION-RELEASE", "Downgrade to exactly this version ([EPOCH:]VERSION-RELEASE, e.g. 1-2.el9_2)\ninstead of the newest older one in the repositories");

    public static readonly OptionTable Table = new(Verb, [.. PackageOptionGroup.Options, To, SharedOptions.Progress, SharedOptions.Verbose]);

    public static DowngradeSettings Parse(ArgumentReader reader, string? defaultInstallRoot) => new(PackageOptionGroup.Parse(reader, defaultInstallRoot), reader.Value(To), reader.Flag(SharedOptions.Progress));

    /// <summary>--to is one version, as dnf reads it after a package name: nothing else may slip into the argument.</summary>
    public void Validate()
    {
        if (ToVersion is { } version && RpmEvr.WhyNotVersionRelease(version) is not null)
        {
            throw new UsageException($"{To.Name} needs {ToExpected}, not '{version}'");
        }
    }
}
