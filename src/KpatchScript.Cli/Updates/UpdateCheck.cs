using KpatchScript.Host;
using KpatchScript.Operations;
using KpatchScript.Status;
using KpatchScript.Targets;

namespace KpatchScript.Cli.Updates;

/// <summary>
/// Detection with <c>--check-updates</c> (status, report, alerts). A sysroot target cannot run dnf;
/// when it is the configured <c>install_root</c> as well (a tree that is a dnf installroot: offline
/// roots, the Cockpit tests' hosts), its updates are asked of this machine's dnf with
/// <c>--installroot</c>, exactly what <c>kpatch-script available</c> lists for it (and whether its kernel is eligible).
/// </summary>
internal static class UpdateCheck
{
    public static HostStatus Detect(KpatchFacade facade, IHostSystem target, CliEnvironment environment, bool checkUpdates, CancellationToken cancellationToken)
    {
        if (!checkUpdates || target is not SysrootHostSystem sysroot || environment.Defaults.InstallRoot is not { } root
            || Path.GetFullPath(root).TrimEnd('/') != sysroot.Root)
        {
            return facade.Detect(checkUpdates, cancellationToken);
        }

        var local = new KpatchFacade(environment.Open("local"), environment.Time, environment.Settings);
        return facade.Detect(local.AskRepositories(new PackageOptions { InstallRoot = root }, cancellationToken), cancellationToken);
    }
}
