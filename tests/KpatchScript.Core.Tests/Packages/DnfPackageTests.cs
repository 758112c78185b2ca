using System.Text.Json;
using KpatchScript.Operations;
using KpatchScript.Status;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;
using static KpatchScript.TestFixtures.DnfLab;

namespace KpatchScript.Core.Tests.Packages;

/// <summary>
/// Install, update and available against real dnf and rpm: packages built with rpmbuild, served
/// by createrepo_c, installed with dnf --installroot through the facade's own code path.
/// </summary>
public sealed class DnfPackageTests : IDisposable
{
    private readonly string _root = NewInstallRoot();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>This machine, seen as running <paramref name="kernelRelease"/>: commands are real, only osrelease is replaced.</summary>
    private static KpatchFacade Running(string kernelRelease, KpatchSettings? settings = null) =>
        new(new OverlayHostSystem(new LocalHostSystem(), new Dictionary<string, string> { ["/proc/sys/kernel/osrelease"] = kernelRelease + "\n" }), TimeProvider.System, settings);

    private PackageOptions Options(bool dryRun = false, string? kernel = null) => new() { InstallRoot = _root, DryRun = dryRun, KernelRelease = kernel };

    // The lab lists each kernel's patches oldest first, in rpm's order.
    private static Package Newest(string kernel) => DnfLab.Packages.Last(p => p.Kind == "kpatch-patch" && p.KernelRelease == kernel);

    private static Package Oldest(string kernel) => DnfLab.Packages.First(p => p.Kind == "kpatch-patch" && p.KernelRelease == kernel);

    private List<JsonElement> Journal() =>
        File.ReadAllLines(Path.Combine(_root, OperationPaths.JournalRelative)).Select(l => JsonDocument.Parse(l).RootElement).ToList();

    [Fact]
    public async Task Install_picks_the_newest_package_for_the_running_kernel_among_several_kernels()
    {
        var result = await Running(Kernel362).InstallAsync(Options());

        Assert.Equal((OperationOutcome.Succeeded, null), (result.Outcome, result.Error));
        Assert.Equal([Newest(Kernel362).Nevra], InstalledPackages(_root));
        Assert.Equal(
            ["dnf", "--setopt=skip_if_unavailable=False", $"--installroot={_root}", "--assumeyes", "install", $"kpatch-patch = {Kernel362}"],
            Assert.Single(result.Commands).Arguments);
    }

    [Fact]
    public async Task Update_moves_an_installed_patch_to_the_newest_version()
    {
        InstallDirectly(_root, Oldest(Kernel284).Nevra);

        var result = await Running(Kernel284).UpdateAsync(Options());

        Assert.Equal(OperationOutcome.Succeeded, result.Outcome);
        Assert.Equal([Newest(Kernel284).Nevra], InstalledPackages(_root));
        Assert.Equal("update", result.Commands[0].Arguments[4]);
    }

    [Fact]
    public async Task Available_lists_exactly_the_newer_packages_for_the_running_and_installed_kernels_with_their_cves()
    {
        // Given kernels 284 (running) and 362 installed, and the oldest patch for 284.
        InstallDirectly(_root, DnfLab.Packages.Where(p => p.Kind == "kernel-core").Select(p => p.Nevra).Append(Oldest(Kernel284).Nevra).ToArray());

        var available = (await Running(Kernel284).ListAvailableAsync(Options())).Value!;

        var newest284 = Newest(Kernel284);
        var newest362 = Newest(Kernel362);
        Assert.Equal([newest284.Nevra, newest362.Nevra], available.Select(a => $"{a.Name}-{a.Version}-{a.Release}.{a.Arch}"));
        Assert.Equal((Kernel284, true, "1-1.el9_2"), (available[0].KernelRelease, available[0].ForRunningKernel, available[0].InstalledVersion));
        Assert.Equal(CvesOf(newest284), available[0].Cves);
        Assert.Equal(CvesOf(newest284).Except(CvesOf(Oldest(Kernel284))), available[0].NewCves);
        Assert.Equal((Kernel362, false, null), (available[1].KernelRelease, available[1].ForRunningKernel, available[1].InstalledVersion));
        Assert.Equal(CvesOf(newest362), available[1].NewCves);
    }

    [Fact]
    public async Task Available_orders_by_epoch_first_as_rpm_and_dnf_do()
    {
        // Installed 1.1-1; the repository's newest is 1:1.0-1, newer by its epoch though its version is lower.
        var (older, newer) = (Oldest(KernelEpoch), Newest(KernelEpoch));
        InstallDirectly(_root, older.Nevra);

        var available = (await Running(KernelEpoch).ListAvailableAsync(Options())).Value!;
        var status = await new KpatchFacade(new SysrootHostSystem(_root), TimeProvider.System).DetectAsync();

        var patch = Assert.Single(available);
        Assert.Equal(("1", "1.0", "1.el9_5", "1:1.0-1.el9_5"), (patch.Epoch, patch.Version, patch.Release, patch.EpochVersionRelease));
        Assert.Equal("1.1-1.el9_5", patch.InstalledVersion);
        Assert.Equal(CvesOf(newer), patch.Cves);
        Assert.Equal(["CVE-2024-5002"], patch.NewCves);
        Assert.Null(Assert.Single(status.Packages.Value!).Epoch);

        // With the newest installed, rpm reads its epoch and nothing is newer.
        InstallDirectly(_root, newer.Nevra);
        var installed = Assert.Single((await new KpatchFacade(new SysrootHostSystem(_root), TimeProvider.System).DetectAsync()).Packages.Value!);
        Assert.Equal("1:1.0-1.el9_5", installed.EpochVersionRelease);
        Assert.Empty((await Running(KernelEpoch).ListAvailableAsync(Options())).Value!);
    }

    [Fact]
    public async Task Nothing_is_available_once_the_newest_is_installed_and_status_reads_its_cves_from_rpm()
    {
        await Running(Kernel284).InstallAsync(Options());

        var available = await Running(Kernel284).ListAvailableAsync(Options());
        var status = await new KpatchFacade(new SysrootHostSystem(_root), TimeProvider.System).DetectAsync();

        Assert.Empty(available.Value!);
        var package = Assert.Single(status.Packages.Value!);
        Assert.Equal((Newest(Kernel284).Name, Kernel284), (package.Name, package.KernelRelease.Value!));
        Assert.Equal(CvesOf(Newest(Kernel284)), package.Cves);
    }

    [Fact]
    public async Task Without_an_enabled_repository_what_is_available_is_unknown_not_nothing()
    {
        InstallDirectly(_root, DnfLab.Packages.First(p => p.Kind == "kernel-core").Nevra); // a host has an rpm database
        DisableRepository(_root);

        var available = await Running(Kernel284).ListAvailableAsync(Options());

        Assert.False(available.IsKnown);
        Assert.StartsWith("dnf has no enabled repository, so it cannot tell which live patches exist", available.UnknownReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repositories_that_carry_no_kpatch_patch_are_an_unknown_that_names_them()
    {
        var repository = RepositoryWithoutPatches();
        var root = NewInstallRoot("file://" + repository);
        try
        {
            InstallDirectly(root, DnfLab.Packages.First(p => p.Kind == "kernel-core").Nevra);
            var available = await Running(Kernel284).ListAvailableAsync(new PackageOptions { InstallRoot = root });

            Assert.Equal("no enabled repository carries kpatch-patch packages (enabled: kpatch-test), so none can be offered: enable the repository that carries them (on RHEL, the BaseOS repository of the subscription)", available.UnknownReason);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
            Directory.Delete(repository, recursive: true);
        }
    }

    [Fact]
    public async Task A_kernel_without_live_patches_in_a_repository_that_carries_them_has_nothing_available_for_it()
    {
        InstallDirectly(_root, DnfLab.Packages.First(p => p.Kind == "kernel-core").Nevra);
        var available = await Running("5.14.0-555.1.1.el9_5.x86_64").ListAvailableAsync(Options());

        // Known: the repository carries kpatch-patch packages, just none for this kernel (the installed 284 kernel has some).
        Assert.True(available.IsKnown, available.UnknownReason);
        Assert.DoesNotContain(available.Value!, a => a.ForRunningKernel);
    }

    [Fact]
    public async Task Update_or_install_with_nothing_to_do_says_already_up_to_date_and_journals_a_no_op()
    {
        InstallDirectly(_root, Newest(Kernel284).Nevra);

        var update = await Running(Kernel284).UpdateAsync(Options());
        var install = await Running(Kernel284).InstallAsync(Options());

        var expected = $"already up to date: {Newest(Kernel284).Name} {Newest(Kernel284).Version}-{Newest(Kernel284).Release}";
        Assert.Equal((OperationOutcome.Unchanged, expected, null), (update.Outcome, update.Detail, update.Error));
        Assert.Equal((OperationOutcome.Unchanged, expected), (install.Outcome, install.Detail));
        Assert.Equal(["started", "unchanged", "started", "unchanged"], Journal().Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal(expected, Journal()[1].GetProperty("detail").GetString());
        Assert.Equal([Newest(Kernel284).Nevra], InstalledPackages(_root));
    }

    [Fact]
    public async Task Update_with_nothing_installed_for_the_kernel_fails_and_says_to_install()
    {
        var update = await Running(Kernel362).UpdateAsync(Options());

        Assert.Equal(OperationOutcome.Failed, update.Outcome);
        Assert.Contains($"no kpatch-patch package is installed for {Kernel362}: there is nothing to update; install it with 'kpatch-script install'", update.Error, StringComparison.Ordinal);
        Assert.Equal("failed", Journal()[^1].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Dry_run_lists_the_commands_and_changes_nothing()
    {
        InstallDirectly(_root, Oldest(Kernel284).Nevra);
        var before = RpmDatabaseDigest(_root);

        var install = await Running(Kernel362).InstallAsync(Options(dryRun: true));
        var update = await Running(Kernel284).UpdateAsync(Options(dryRun: true));

        Assert.Equal((OperationOutcome.Planned, OperationOutcome.Planned), (install.Outcome, update.Outcome));
        Assert.Equal($"kpatch-patch = {Kernel362}", install.Commands.Single().Arguments[^1]);
        Assert.Equal(before, RpmDatabaseDigest(_root));
        Assert.Equal([Oldest(Kernel284).Nevra], InstalledPackages(_root));
        Assert.False(File.Exists(Path.Combine(_root, OperationPaths.JournalRelative)));
    }

    [Fact]
    public async Task Journal_records_start_and_outcome_of_each_operation()
    {
        await Running(Kernel362).InstallAsync(Options());

        var records = Journal();
        Assert.Equal(["started", "succeeded"], records.Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal(records[0].GetProperty("id").GetString(), records[1].GetProperty("id").GetString());
        Assert.All(records, r => Assert.Equal(("install", Kernel362, Environment.UserName), (r.GetProperty("operation").GetString(), r.GetProperty("kernel_release").GetString(), r.GetProperty("user").GetString())));
        Assert.Equal($"kpatch-patch = {Kernel362}", records[1].GetProperty("commands")[0][5].GetString());
        Assert.True(records[1].GetProperty("duration_ms").GetDouble() > 0);
    }

    public static TheoryData<string, string?, string> Failures() => new()
    {
        { "no package for this kernel", null, "no package in the enabled repositories provides it (Error: Unable to find a match: kpatch-patch = 5.14.0-555.1.1.el9_5.x86_64)" },
        { "repository unreachable", "file:///nonexistent/kps-repository", "a repository is unreachable (Error: Failed to download metadata for repo 'kpatch-test'" },
        { "dnf fails mid-transaction", null, "dnf install failed with exit code 1: Error: Transaction failed" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_failing_dnf_gives_one_line_a_journal_record_and_no_lock_left(string scene, string? repository, string expected)
    {
        var root = repository is null ? _root : NewInstallRoot(repository);
        try
        {
            var kernel = scene == "dnf fails mid-transaction" ? KernelFailingPre : scene == "no package for this kernel" ? "5.14.0-555.1.1.el9_5.x86_64" : Kernel284;

            var result = await Running(kernel).InstallAsync(new PackageOptions { InstallRoot = root });

            Assert.Equal(OperationOutcome.Failed, result.Outcome);
            Assert.Contains(expected, result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', result.Error!);
            var last = JsonDocument.Parse(File.ReadAllLines(Path.Combine(root, OperationPaths.JournalRelative))[^1]).RootElement;
            Assert.Equal(("failed", result.Error), (last.GetProperty("outcome").GetString(), last.GetProperty("error").GetString()));
            using (new FileStream(Path.Combine(root, OperationPaths.LockRelative), FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                // Opening it exclusively proves nobody holds the lock.
            }

            Assert.Empty(InstalledPackages(root));
        }
        finally
        {
            if (root != _root)
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_held_lock_makes_a_second_operation_wait_then_fail_with_a_clear_message()
    {
        var lockPath = Path.Combine(_root, OperationPaths.LockRelative);
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        using (var held = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var result = await Running(Kernel362, new KpatchSettings { LockWait = TimeSpan.FromMilliseconds(300) }).InstallAsync(Options());

            Assert.Equal(OperationOutcome.Failed, result.Outcome);
            Assert.StartsWith("another kpatch-script operation", result.Error, StringComparison.Ordinal);
            Assert.Contains($"holds {lockPath} and did not finish within 0 s", result.Error, StringComparison.Ordinal);
        }

        Assert.Empty(InstalledPackages(_root));
        Assert.Equal(OperationOutcome.Succeeded, (await Running(Kernel362).InstallAsync(Options())).Outcome);
    }

    [Fact]
    public async Task A_lock_that_cannot_be_created_fails_clearly_before_dnf_runs()
    {
        File.WriteAllText(Path.Combine(_root, "run"), "a file where the lock directory should be");

        var result = await Running(Kernel362).InstallAsync(Options());

        Assert.Equal(OperationOutcome.Failed, result.Outcome);
        Assert.StartsWith($"cannot create the lock {Path.Combine(_root, OperationPaths.LockRelative)}: ", result.Error, StringComparison.Ordinal);
        Assert.Empty(InstalledPackages(_root));
    }

    [Fact]
    public async Task A_kernel_release_rpm_cannot_hold_is_refused_before_dnf_runs()
    {
        var result = await Running("6.1.0-56-amd64").InstallAsync(Options());

        Assert.Equal(OperationOutcome.Failed, result.Outcome);
        Assert.StartsWith("kernel release 6.1.0-56-amd64 cannot be an rpm version-release: it has 2 dashes", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Commands);
        Assert.False(File.Exists(Path.Combine(_root, OperationPaths.JournalRelative)));
    }

    [Fact]
    public async Task A_read_only_target_refuses_changes_but_plans_them()
    {
        var sysroot = new KpatchFacade(new SysrootHostSystem(SysrootFixtures.Get(SysrootFixtures.Rhel9KpatchDnf)), TimeProvider.System);

        var real = await sysroot.InstallAsync(Options());
        var dry = await sysroot.InstallAsync(Options(dryRun: true));

        Assert.Contains("is read-only: install changes the host; use --dry-run to see the commands", real.Error, StringComparison.Ordinal);
        Assert.Equal(OperationOutcome.Planned, dry.Outcome);
        Assert.Equal("kpatch-patch = 5.14.0-427.13.1.el9_4.x86_64", dry.Commands.Single().Arguments[^1]);
    }

    [Fact]
    public async Task Auto_update_without_kpatch_dnf_installs_it_first_and_names_the_packages_no_repository_has()
    {
        var result = await Running(Kernel284).SetAutoUpdateAsync(true, Options());

        Assert.Equal("install kpatch kpatch-dnf", string.Join(' ', result.Commands[0].Arguments.TakeLast(3)));
        Assert.StartsWith("dnf install kpatch kpatch-dnf: no enabled repository has them (Error: Unable to find a match: kpatch kpatch-dnf)", result.Error, StringComparison.Ordinal);
    }
}
