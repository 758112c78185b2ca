using KpatchScript.Detection;
using KpatchScript.Host;
using KpatchScript.Operations;
using KpatchScript.Parsing;
using KpatchScript.Status;

namespace KpatchScript.Packages;

/// <summary>
/// Remove and downgrade: the package changes, the running kernel does not. A loaded live patch
/// stays live until reboot (Red Hat does not support reverting one without a reboot), so every
/// result says so instead of letting "removed" read as "reverted".
/// </summary>
internal sealed partial class PackageOperations
{
    /// <summary>What remove and downgrade leave as it is, in one sentence: the running kernel and its loaded live patch.</summary>
    public const string RunningKernelUnchanged =
        "the running kernel is unchanged: a loaded live patch stays live until reboot (or an acknowledged 'kpatch-script unload PATCH --i-understand-this-is-unsupported')";

    public OperationResult Remove(PackageOptions options, CancellationToken cancellationToken) =>
        Revert("remove", options, toVersion: null, cancellationToken);

    public OperationResult Downgrade(PackageOptions options, string? toVersion, CancellationToken cancellationToken) =>
        Revert("downgrade", options, toVersion, cancellationToken);

    private OperationResult Revert(string operation, PackageOptions options, string? toVersion, CancellationToken cancellationToken)
    {
        if (toVersion is not null && RpmEvr.WhyNotVersionRelease(toVersion) is { } badVersion)
        {
            return Refused(operation, [], $"the version to downgrade to, {badVersion}");
        }

        var release = RunningRelease(options, cancellationToken);
        if (!release.IsKnown)
        {
            return Refused(operation, [], release.UnknownReason!);
        }

        if (KernelReleases.WhyNotRpm(release.Value!) is { } why)
        {
            return Refused(operation, [], why);
        }

        // Asked before the lock, and in a dry run too: dnf remove of a package that is not there
        // says "Nothing to do." and succeeds, which must not read as "removed".
        var installed = InstalledFor(release.Value!, options, cancellationToken);
        if (installed is { IsKnown: true, Value: null })
        {
            return Refused(operation, [], NotInstalled(operation, release.Value!));
        }

        CommandSpec command;
        if (toVersion is null)
        {
            command = operation == "remove"
                ? DnfCommands.Remove(options.InstallRoot, release.Value!, options.Progress)
                : DnfCommands.Downgrade(options.InstallRoot, release.Value!, options.Progress);
        }
        else if (!installed.IsKnown)
        {
            return Refused(operation, [], $"which kpatch-patch package is installed for {release.Value} is unknown ({installed.UnknownReason}), so the version to downgrade to cannot be named");
        }
        else if (RpmEvr.Parse(toVersion) >= Evr(installed.Value!))
        {
            return Refused(operation, [], $"{toVersion} is not older than the installed {installed.Value!.Name} {installed.Value!.EpochVersionRelease}: downgrade goes to an older version; 'kpatch-script update' goes to the newest");
        }
        else
        {
            command = DnfCommands.DowngradeTo(options.InstallRoot, $"{installed.Value!.Name}-{toVersion}.{installed.Value!.Arch}", options.Progress);
        }

        var before = installed.IsKnown ? installed.Value : null;
        var record = new OperationRecord(operation, host.Name, options.InstallRoot, release.Value!, [command]);
        var result = Runner().Run(record, options.DryRun, (dnf, token) => DnfOutput.SaysNotInstalled(dnf) ? WorkOutcome.Failed(NotInstalled(operation, release.Value!))
            : DnfOutput.FailureOf(operation, dnf) is { } failure ? WorkOutcome.Failed(failure)
            : DnfOutput.NothingToDo(dnf) ? NothingChanged(operation, options, release.Value!, token)
            : WorkOutcome.Done, cancellationToken);
        return result.Outcome switch
        {
            OperationOutcome.Planned => result with { Detail = $"would {operation} {Describe(before)}; {RunningKernelUnchanged}{AfterBoot(operation)}" },
            OperationOutcome.Succeeded => result with { Detail = Done(operation, before, options, release.Value!, cancellationToken) },
            _ => result,
        };
    }

    /// <summary>
    /// dnf said "Nothing to do.": for remove, nothing was installed after all (an install root
    /// without an rpm database cannot be asked beforehand); for downgrade, nothing older is in the
    /// repositories. Neither is what was asked, so both fail.
    /// </summary>
    private WorkOutcome NothingChanged(string operation, PackageOptions options, string release, CancellationToken cancellationToken) =>
        operation == "downgrade" && InstalledFor(release, options, cancellationToken) is { IsKnown: true, Value: { } package }
            ? WorkOutcome.Failed($"dnf downgrade: nothing older than {package.Name} {package.EpochVersionRelease} is in the enabled repositories: there is nothing to downgrade to; nothing was changed")
            : WorkOutcome.Failed(NotInstalled(operation, release));

    /// <summary>The one line for "nothing to remove or downgrade", whether rpm said so before dnf ran or dnf said so itself.</summary>
    private static string NotInstalled(string operation, string release) =>
        $"no kpatch-patch package is installed for {release}: there is nothing to {operation}; 'kpatch-script status' lists the installed ones";

    private string Done(string operation, KpatchPatchPackage? before, PackageOptions options, string release, CancellationToken cancellationToken)
    {
        var what = operation == "remove"
            ? $"removed {Describe(before)}"
            : InstalledFor(release, options, cancellationToken) is { IsKnown: true, Value: { } after }
                ? $"downgraded {Describe(before)} to {after.EpochVersionRelease}"
                : $"downgraded {Describe(before)}";
        return $"{what}; {RunningKernelUnchanged}{AfterBoot(operation)}";
    }

    /// <summary>What kpatch.service loads at the next boot once the package changed.</summary>
    private static string AfterBoot(string operation) => operation == "remove"
        ? "; at the next boot no live patch from this package loads"
        : "; at the next boot kpatch.service loads the older module";

    private static string Describe(KpatchPatchPackage? package) =>
        package is null ? "the kpatch-patch package" : $"{package.Name} {package.EpochVersionRelease}";

    private static RpmEvr Evr(KpatchPatchPackage package) => RpmEvr.OfPackage(package.Epoch, package.Version, package.Release);

    /// <summary>The installed package that provides <c>kpatch-patch = release</c>, read with rpm from the tree dnf changes; known null when there is none.</summary>
    private Reading<KpatchPatchPackage?> InstalledFor(string release, PackageOptions options, CancellationToken cancellationToken)
    {
        var packages = PackageDetector.Detect(new HostReader(RootHost(options), cancellationToken), Reading.Known(release));
        if (!packages.IsKnown)
        {
            return Reading.Unknown<KpatchPatchPackage?>(packages.UnknownReason!);
        }

        var name = KernelReleases.PatchPackageName(release);
        var matching = packages.Value!.Where(p => p.ForRunningKernel).ToList();
        return Reading.Known<KpatchPatchPackage?>(matching.FirstOrDefault(p => p.Name == name) ?? matching.FirstOrDefault());
    }
}
