using System.Globalization;
using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>The options of <c>kpatch-script journal</c>.</summary>
/// <param name="Json">--json: print JSON.</param>
/// <param name="Limit">How many of the newest operations to show; 0 for all.</param>
/// <param name="Target">--target, or the configured target.</param>
/// <param name="InstallRoot">--installroot made absolute, or the configured install_root.</param>
internal sealed record JournalSettings(bool Json, int Limit, string Target, string? InstallRoot) : IVerbSettings
{
    public const string Verb = "journal";

    private const string LimitExpected = "a whole number (0 for all)";

    public static readonly Option LimitOption = new("--limit", "N", "Show the N newest operations (default 20; 0 for all)");

    private static readonly Option JsonOption = SharedOptions.Json.WithHelp("Print the operations as JSON (schema: journal.schema.json, version 1)");
    private static readonly Option TargetOption = SharedOptions.Target.WithHelp("local, sysroot:DIR or ssh://USER@HOST[:PORT] (default: the configured target)");
    private static readonly Option InstallRootOption = SharedOptions.InstallRoot.WithHelp("The journal of package operations run with --installroot DIR (default:\nthe configured install_root)");

    public static readonly OptionTable Table = new(Verb, [JsonOption, LimitOption, TargetOption, InstallRootOption, SharedOptions.Verbose]);

    public static JournalSettings Parse(ArgumentReader reader, string defaultTarget, string? defaultInstallRoot) => new(
        reader.Flag(JsonOption),
        OptionValues.WholeNumber(reader.Value(LimitOption), LimitOption.Name, LimitExpected) ?? 20,
        reader.Value(TargetOption) ?? defaultTarget,
        reader.Value(InstallRootOption) is { } root ? Path.GetFullPath(root) : defaultInstallRoot);

    public void Validate()
    {
        if (Limit < 0)
        {
            throw new UsageException($"{LimitOption.Name} needs {LimitExpected}, not '{Limit.ToString(CultureInfo.InvariantCulture)}'");
        }
    }
}
