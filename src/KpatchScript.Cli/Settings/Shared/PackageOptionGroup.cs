using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Settings;

/// <summary>The options install, update, available and auto-update share: which packages, under which root, for which kernel.</summary>
internal sealed record PackageOptionGroup(bool Json, bool DryRun, string Target, string? InstallRoot, string? KernelRelease)
{
    public static readonly Option Kernel = new("--kernel", "RELEASE", "Act for this kernel release instead of the running one");

    private static readonly Option DryRunOption = SharedOptions.DryRun.WithHelp("Print the exact commands, change nothing");

    private static readonly Option TargetOption = SharedOptions.Target.WithHelp("local (default); sysroot:DIR is read-only and refuses changes");

    /// <summary>The group's rows, in the order usage and help show them.</summary>
    public static Option[] Options => [SharedOptions.Json, DryRunOption, TargetOption, SharedOptions.InstallRoot, Kernel];

    public static PackageOptionGroup Parse(ArgumentReader reader, string? defaultInstallRoot) => new(
        reader.Flag(SharedOptions.Json),
        reader.Flag(DryRunOption),
        reader.Value(TargetOption) ?? "local",
        reader.Value(SharedOptions.InstallRoot) is { } root ? Path.GetFullPath(root) : defaultInstallRoot,
        reader.Value(Kernel));
}
