using KpatchScript.Cli.CommandLine;

namespace KpatchScript.Cli.Commands;

/// <summary>The options shared by install, update, available and auto-update.</summary>
internal sealed record PackageSettings(bool Json, bool DryRun, string Target, string? InstallRoot, string? KernelRelease)
{
    public const string Usage = "[--json] [--dry-run] [--target local] [--installroot DIR] [--kernel RELEASE] [--verbose]";

    public const string OptionsHelp = """
          --json              Print the result as JSON
          --dry-run           Print the exact commands, change nothing
          --target TARGET     local (default); sysroot:DIR is read-only and refuses changes
          --installroot DIR   Act on the packages installed under DIR (dnf --installroot; default: the
                              configured install_root); a DIR with proc/sys/kernel/osrelease names
                              the kernel release too
          --kernel RELEASE    Act for this kernel release instead of the running one
          --verbose           Show the full error when something fails
        """;

    public static PackageSettings Parse(ArgumentReader reader, string? defaultInstallRoot)
    {
        var settings = new PackageSettings(
            reader.Flag("--json"),
            reader.Flag("--dry-run"),
            reader.Option("--target") ?? "local",
            reader.Option("--installroot") is { } root ? Path.GetFullPath(root) : defaultInstallRoot,
            reader.Option("--kernel"));
        return settings;
    }
}
