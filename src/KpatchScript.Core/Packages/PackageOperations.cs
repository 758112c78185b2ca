using KpatchScript.Detection;
using KpatchScript.Host;
using KpatchScript.Operations;
using KpatchScript.Parsing;
using KpatchScript.Status;
using KpatchScript.Targets;

namespace KpatchScript.Packages;

/// <summary>Install, update and list live patch packages through dnf (remove and downgrade: PackageOperations.Reverts.cs; auto-update: PackageOperations.AutoUpdate.cs).</summary>
internal sealed partial class PackageOperations(IHostSystem host, TimeProvider time, KpatchSettings settings)
{
    public OperationResult Install(PackageOptions options, CancellationToken cancellationToken) =>
        Change("install", options, release => DnfCommands.Install(options.InstallRoot, release, options.Progress), cancellationToken);

    public OperationResult Update(PackageOptions options, CancellationToken cancellationToken) =>
        Change("update", options, release => DnfCommands.Update(options.InstallRoot, release, options.Progress), cancellationToken);

    /// <summary>Newest kpatch-patch packages for the running kernel and every installed kernel that are newer than what is installed.</summary>
    public Reading<IReadOnlyList<AvailablePatch>> ListAvailable(PackageOptions options, CancellationToken cancellationToken)
    {
        var running = RunningRelease(options, cancellationToken);
        if (!running.IsKnown)
        {
            return Reading.Unknown<IReadOnlyList<AvailablePatch>>(running.UnknownReason!);
        }

        var kernels = new List<string> { running.Value! };
        var installedKernels = KernelDetector.ReadFromRpm(new HostReader(RootHost(options), cancellationToken), running);
        if (installedKernels.IsKnown)
        {
            kernels.AddRange(installedKernels.Value!.Select(k => k.Release).Where(k => !kernels.Contains(k) && KernelReleases.WhyNotRpm(k) is null));
        }

        // Installed packages and their changelogs come from rpm: dnf does not load changelogs of installed packages.
        var rootReader = new HostReader(RootHost(options), cancellationToken);
        var installed = PackageDetector.Detect(rootReader, running);
        if (!installed.IsKnown)
        {
            return Reading.Unknown<IReadOnlyList<AvailablePatch>>(installed.UnknownReason!);
        }

        var candidates = new List<(string Kernel, DnfOutput.PackageLine Package, KpatchPatchPackage? Installed)>();
        var anyInRepositories = false;
        foreach (var kernel in kernels)
        {
            var newest = Query("repoquery", DnfCommands.NewestFor(options.InstallRoot, kernel), cancellationToken);
            if (!newest.IsKnown)
            {
                return Reading.Unknown<IReadOnlyList<AvailablePatch>>(newest.UnknownReason!);
            }

            anyInRepositories |= newest.Value!.Count > 0;

            foreach (var package in newest.Value!)
            {
                var current = installed.Value!.FirstOrDefault(p => p.Name == package.Name && p.Arch == package.Arch);
                // rpm's order: epoch, then version, then release (one "version-release" string would put 1-5 above 1.1-1).
                if (current is null || package.Evr > RpmEvr.OfPackage(current.Epoch, current.Version, current.Release))
                {
                    candidates.Add((kernel, package, current));
                }
            }
        }

        // No package at all for any of these kernels: "nothing newer" only if the repositories could have said otherwise.
        if (!anyInRepositories && RepositoriesWithoutPatches(options, cancellationToken) is { } why)
        {
            return Reading.Unknown<IReadOnlyList<AvailablePatch>>(why);
        }

        if (candidates.Count == 0)
        {
            return Reading.Known<IReadOnlyList<AvailablePatch>>([]);
        }

        var changelogs = Changelogs(options.InstallRoot, candidates.Select(c => c.Package.Nevra), cancellationToken);
        if (!changelogs.IsKnown)
        {
            return Reading.Unknown<IReadOnlyList<AvailablePatch>>(changelogs.UnknownReason!);
        }

        return Reading.Known<IReadOnlyList<AvailablePatch>>(candidates.Select(c =>
        {
            var cves = CveExtractor.Extract(changelogs.Value!.GetValueOrDefault(c.Package.Nevra, ""));
            var had = c.Installed?.Cves ?? [];
            return new AvailablePatch(c.Package.Name, c.Package.Version, c.Package.Release, c.Package.Arch, c.Kernel, c.Kernel == running.Value,
                c.Installed?.EpochVersionRelease, cves, cves.Except(had, StringComparer.Ordinal).ToList()) { Epoch = c.Package.Epoch };
        }).ToList());
    }

    private OperationResult Change(string operation, PackageOptions options, Func<string, CommandSpec> command, CancellationToken cancellationToken)
    {
        var release = RunningRelease(options, cancellationToken);
        if (!release.IsKnown)
        {
            return Refused(operation, [], release.UnknownReason!);
        }

        // Refused before dnf runs: dnf would only say "no match", which hides the real reason.
        if (KernelReleases.WhyNotRpm(release.Value!) is { } why)
        {
            return Refused(operation, [], why);
        }

        var record = new OperationRecord(operation, host.Name, options.InstallRoot, release.Value!, [command(release.Value!)]);
        return Runner().Run(record, options.DryRun, (result, token) => DnfOutput.FailureOf(operation, result) is { } failure
            ? WorkOutcome.Failed(failure)
            : DnfOutput.NothingToDo(result) ? AlreadyDone(operation, options, release.Value!, token) : WorkOutcome.Done, cancellationToken);
    }

    /// <summary>
    /// dnf said "Nothing to do." The installed package says what that means: up to date, or (for
    /// update) nothing installed to update, which dnf reports the same way and which is not success.
    /// </summary>
    private WorkOutcome AlreadyDone(string operation, PackageOptions options, string release, CancellationToken cancellationToken)
    {
        var installed = PackageDetector.Detect(new HostReader(RootHost(options), cancellationToken), Reading.Known(release));
        if (!installed.IsKnown)
        {
            return WorkOutcome.NothingToDo($"dnf {operation}: nothing to do (which version is installed is unknown: {installed.UnknownReason})");
        }

        return installed.Value!.FirstOrDefault(p => p.ForRunningKernel) is { } package
            ? WorkOutcome.NothingToDo($"already up to date: {package.Name} {package.EpochVersionRelease}")
            : WorkOutcome.Failed($"dnf {operation}: nothing to do, and no kpatch-patch package is installed for {release}: there is nothing to update; install it with 'kpatch-script install'");
    }

    private Reading<string> RunningRelease(PackageOptions options, CancellationToken cancellationToken)
    {
        if (options.KernelRelease is { } given)
        {
            return Reading.Known(given);
        }

        // An install root that carries its own proc/sys/kernel/osrelease stands for a host (a prepared
        // offline root, a captured tree made an installroot, the Cockpit tests' hosts): the packages go
        // there, so the kernel they are for is that root's, not the one this machine runs. (A root that
        // does not exist yet is dnf's to create, as before.)
        if (options.InstallRoot is { } root && Directory.Exists(root)
            && new HostReader(new SysrootHostSystem(root), cancellationToken).ReadValue(KnownPaths.OsRelease) is { IsKnown: true } rooted)
        {
            return rooted;
        }

        var running = new HostReader(host, cancellationToken).ReadValue(KnownPaths.OsRelease);
        return running.IsKnown ? running : Reading.Unknown<string>($"the running kernel release is unknown ({running.UnknownReason}); name one with --kernel");
    }

    /// <summary>
    /// Why an empty answer from the repositories means nothing: no repository is enabled, or none
    /// of the enabled ones carries kpatch-patch packages. Null when some repository carries them
    /// (then an empty answer is a real "none for these kernels").
    /// </summary>
    private string? RepositoriesWithoutPatches(PackageOptions options, CancellationToken cancellationToken)
    {
        var repositories = new HostReader(host, cancellationToken).Run(DnfCommands.EnabledRepositories(options.InstallRoot));
        if (!repositories.IsKnown || DnfOutput.FailureOf("repolist", repositories.Value!) is { })
        {
            return repositories.IsKnown ? DnfOutput.FailureOf("repolist", repositories.Value!) : repositories.UnknownReason;
        }

        var ids = DnfOutput.RepositoryIds(repositories.Value!.StandardOutput);
        if (ids.Count == 0)
        {
            return "dnf has no enabled repository, so it cannot tell which live patches exist: enable the repository that carries kpatch-patch packages (on RHEL, the BaseOS repository of the subscription)";
        }

        var patches = new HostReader(host, cancellationToken).Run(DnfCommands.AnyPatch(options.InstallRoot));
        if (!patches.IsKnown || DnfOutput.FailureOf("repoquery", patches.Value!) is { })
        {
            return patches.IsKnown ? DnfOutput.FailureOf("repoquery", patches.Value!) : patches.UnknownReason;
        }

        return patches.Value!.StandardOutput.Trim().Length == 0
            ? $"no enabled repository carries kpatch-patch packages (enabled: {string.Join(", ", ids)}), so none can be offered: enable the repository that carries them (on RHEL, the BaseOS repository of the subscription)"
            : null;
    }

    private Reading<IReadOnlyList<DnfOutput.PackageLine>> Query(string what, CommandSpec command, CancellationToken cancellationToken)
    {
        var result = new HostReader(host, cancellationToken).Run(command);
        if (!result.IsKnown)
        {
            return Reading.Unknown<IReadOnlyList<DnfOutput.PackageLine>>(result.UnknownReason!);
        }

        return DnfOutput.FailureOf(what, result.Value!) is { } failure
            ? Reading.Unknown<IReadOnlyList<DnfOutput.PackageLine>>(failure)
            : DnfOutput.ParsePackages(result.Value!.StandardOutput);
    }

    private Reading<IReadOnlyDictionary<string, string>> Changelogs(string? installRoot, IEnumerable<string> nevras, CancellationToken cancellationToken)
    {
        var result = new HostReader(host, cancellationToken).Run(DnfCommands.Changelogs(installRoot, nevras));
        if (!result.IsKnown)
        {
            return Reading.Unknown<IReadOnlyDictionary<string, string>>(result.UnknownReason!);
        }

        return DnfOutput.FailureOf("repoquery --changelogs", result.Value!) is { } failure
            ? Reading.Unknown<IReadOnlyDictionary<string, string>>(failure)
            : Reading.Known(DnfOutput.ParseChangelogs(result.Value!.StandardOutput));
    }

    /// <summary>The tree dnf changes: the installroot when given, else the target itself.</summary>
    private IHostSystem RootHost(PackageOptions options) =>
        options.InstallRoot is { } root ? new SysrootHostSystem(root) : host;

    private OperationRunner Runner() => new(host, time, settings.LockWait, settings.StateDirectory);

    private OperationResult Refused(string operation, IReadOnlyList<CommandSpec> commands, string error) =>
        new(operation, host.Name, OperationOutcome.Failed, commands, error, TimeSpan.Zero);
}
