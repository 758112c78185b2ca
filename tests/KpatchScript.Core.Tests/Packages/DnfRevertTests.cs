using System.Text.Json;
using KpatchScript.Operations;
using KpatchScript.Status;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;
using static KpatchScript.TestFixtures.DnfLab;

namespace KpatchScript.Core.Tests.Packages;

/// <summary>
/// Remove and downgrade against real dnf and rpm in an installroot (the lab repository carries
/// three versions of kernel 284's patch, two of the epoch kernel's), through the facade's own code path.
/// </summary>
public sealed class DnfRevertTests : IDisposable
{
    private const string Unchanged = "the running kernel is unchanged: a loaded live patch stays live until reboot (or an acknowledged 'kpatch-script unload PATCH --i-understand-this-is-unsupported')";

    private readonly string _root = NewInstallRoot();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static KpatchFacade Running(string kernelRelease, KpatchSettings? settings = null) =>
        new(new OverlayHostSystem(new LocalHostSystem(), new Dictionary<string, string> { ["/proc/sys/kernel/osrelease"] = kernelRelease + "\n" }), TimeProvider.System, settings);

    private PackageOptions Options(bool dryRun = false) => new() { InstallRoot = _root, DryRun = dryRun };

    private static Package[] Versions(string kernel) => [.. DnfLab.Packages.Where(p => p.Kind == "kpatch-patch" && p.KernelRelease == kernel)];

    private List<JsonElement> Journal() =>
        File.ReadAllLines(Path.Combine(_root, OperationPaths.JournalRelative)).Select(l => JsonDocument.Parse(l).RootElement).ToList();

    private string[] Dnf(params string[] arguments) => ["dnf", "--setopt=skip_if_unavailable=False", $"--installroot={_root}", "--assumeyes", .. arguments];

    [Fact]
    public async Task Downgrade_steps_back_one_version_then_to_the_named_one_and_remove_leaves_nothing()
    {
        var (oldest, middle, newest) = (Versions(Kernel284)[0], Versions(Kernel284)[1], Versions(Kernel284)[2]);
        InstallDirectly(_root, newest.Nevra);
        var kp = Running(Kernel284);

        var back = await kp.DowngradeAsync(Options());
        var afterBack = InstalledPackages(_root);
        var to = await kp.DowngradeAsync(Options(), toVersion: $"{oldest.Version}-{oldest.Release}");
        var afterTo = InstalledPackages(_root);
        var remove = await kp.RemoveAsync(Options());

        Assert.Equal((OperationOutcome.Succeeded, null), (back.Outcome, back.Error));
        Assert.Equal(Dnf("downgrade", $"kpatch-patch = {Kernel284}"), Assert.Single(back.Commands).Arguments);
        Assert.Equal([middle.Nevra], afterBack);
        Assert.Equal($"downgraded {newest.Name} 1-3.el9_2 to 1-2.el9_2; {Unchanged}; at the next boot kpatch.service loads the older module", back.Detail);

        Assert.Equal((OperationOutcome.Succeeded, null), (to.Outcome, to.Error));
        Assert.Equal(Dnf("downgrade", oldest.Nevra), Assert.Single(to.Commands).Arguments);
        Assert.Equal([oldest.Nevra], afterTo);

        Assert.Equal((OperationOutcome.Succeeded, null), (remove.Outcome, remove.Error));
        Assert.Equal(Dnf("remove", $"kpatch-patch = {Kernel284}"), Assert.Single(remove.Commands).Arguments);
        Assert.Equal($"removed {oldest.Name} 1-1.el9_2; {Unchanged}; at the next boot no live patch from this package loads", remove.Detail);
        Assert.Empty(InstalledPackages(_root));
        VerifyDatabase(_root);

        // Each change is journaled on the target: its start, then its outcome, with the exact argv.
        var journal = Journal();
        Assert.Equal(
            [("downgrade", "started"), ("downgrade", "succeeded"), ("downgrade", "started"), ("downgrade", "succeeded"), ("remove", "started"), ("remove", "succeeded")],
            journal.Select(r => (r.GetProperty("operation").GetString(), r.GetProperty("outcome").GetString())));
        Assert.All(journal, r => Assert.Equal(Kernel284, r.GetProperty("kernel_release").GetString()));
        Assert.Equal(oldest.Nevra, journal[3].GetProperty("commands")[0][5].GetString());
    }

    [Fact]
    public async Task Downgrade_follows_rpm_order_where_an_epoch_outranks_a_higher_version()
    {
        // 1:1.0-1 is the newest by its epoch; the one older than it is 1.1-1, although its version is higher.
        var (older, newer) = (Versions(KernelEpoch)[0], Versions(KernelEpoch)[1]);
        InstallDirectly(_root, newer.Nevra);

        var result = await Running(KernelEpoch).DowngradeAsync(Options());

        Assert.Equal(OperationOutcome.Succeeded, result.Outcome);
        Assert.Equal([older.Nevra], InstalledPackages(_root));
        Assert.StartsWith($"downgraded {newer.Name} 1:1.0-1.el9_5 to 1.1-1.el9_5; ", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Downgrade_at_the_oldest_version_fails_saying_nothing_older_is_there_and_changes_nothing()
    {
        var oldest = Versions(Kernel284)[0];
        InstallDirectly(_root, oldest.Nevra);

        var result = await Running(Kernel284).DowngradeAsync(Options());

        Assert.Equal(OperationOutcome.Failed, result.Outcome);
        Assert.Equal($"dnf downgrade: nothing older than {oldest.Name} 1-1.el9_2 is in the enabled repositories: there is nothing to downgrade to; nothing was changed", result.Error);
        Assert.Equal([oldest.Nevra], InstalledPackages(_root));
        Assert.Equal(["started", "failed"], Journal().Select(r => r.GetProperty("outcome").GetString()));
    }

    [Theory]
    [InlineData("remove")]
    [InlineData("downgrade")]
    public async Task With_nothing_installed_for_the_kernel_it_fails_before_dnf_runs(string operation)
    {
        InstallDirectly(_root, Versions(Kernel362)[0].Nevra); // another kernel's patch is not this kernel's
        var kp = Running(Kernel284);

        var result = operation == "remove" ? await kp.RemoveAsync(Options()) : await kp.DowngradeAsync(Options());
        var dry = operation == "remove" ? await kp.RemoveAsync(Options(dryRun: true)) : await kp.DowngradeAsync(Options(dryRun: true));

        Assert.Equal(OperationOutcome.Failed, result.Outcome);
        Assert.Equal($"no kpatch-patch package is installed for {Kernel284}: there is nothing to {operation}; 'kpatch-script status' lists the installed ones", result.Error);
        Assert.Empty(result.Commands);
        Assert.Equal((OperationOutcome.Failed, result.Error), (dry.Outcome, dry.Error));
        Assert.False(File.Exists(Path.Combine(_root, OperationPaths.JournalRelative)));
        Assert.Equal([Versions(Kernel362)[0].Nevra], InstalledPackages(_root));
    }

    [Fact]
    public async Task A_dry_run_lists_the_exact_commands_and_changes_nothing()
    {
        var (oldest, newest) = (Versions(Kernel284)[0], Versions(Kernel284)[2]);
        InstallDirectly(_root, newest.Nevra);
        var before = RpmDatabaseDigest(_root);
        var kp = Running(Kernel284);

        var remove = await kp.RemoveAsync(Options(dryRun: true));
        var downgrade = await kp.DowngradeAsync(Options(dryRun: true));
        var to = await kp.DowngradeAsync(Options(dryRun: true), toVersion: "1-1.el9_2");

        Assert.Equal([OperationOutcome.Planned, OperationOutcome.Planned, OperationOutcome.Planned], new[] { remove.Outcome, downgrade.Outcome, to.Outcome });
        Assert.Equal(Dnf("remove", $"kpatch-patch = {Kernel284}"), remove.Commands.Single().Arguments);
        Assert.Equal(Dnf("downgrade", $"kpatch-patch = {Kernel284}"), downgrade.Commands.Single().Arguments);
        Assert.Equal(Dnf("downgrade", oldest.Nevra), to.Commands.Single().Arguments);
        Assert.Equal($"would remove {newest.Name} 1-3.el9_2; {Unchanged}; at the next boot no live patch from this package loads", remove.Detail);
        Assert.Equal(before, RpmDatabaseDigest(_root));
        Assert.Equal([newest.Nevra], InstalledPackages(_root));
        Assert.False(File.Exists(Path.Combine(_root, OperationPaths.JournalRelative)));
    }

    [Theory]
    [InlineData("1-3.el9_2", "1-3.el9_2 is not older than the installed kpatch-patch-5_14_0-284_11_1 1-2.el9_2: downgrade goes to an older version; 'kpatch-script update' goes to the newest")]
    [InlineData("1-9.el9_2", "1-9.el9_2 is not older than the installed")]
    [InlineData("1 1", "the version to downgrade to, '1 1' is not a package version-release such as 1-2.el9_2")]
    [InlineData("1-1.el9_2.x86_64 --allowerasing", "the version to downgrade to, '1-1.el9_2.x86_64 --allowerasing' is not")]
    public async Task A_version_to_downgrade_to_that_is_not_older_or_not_a_version_is_refused_before_dnf_runs(string version, string expected)
    {
        InstallDirectly(_root, Versions(Kernel284)[1].Nevra);

        var result = await Running(Kernel284).DowngradeAsync(Options(), version);

        Assert.Equal(OperationOutcome.Failed, result.Outcome);
        Assert.StartsWith(expected, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Commands);
        Assert.False(File.Exists(Path.Combine(_root, OperationPaths.JournalRelative)));
    }

    [Fact]
    public async Task A_version_no_repository_carries_fails_with_dnfs_line_naming_it()
    {
        InstallDirectly(_root, Versions(Kernel284)[2].Nevra);

        var result = await Running(Kernel284).DowngradeAsync(Options(), "1-0.el9_2");

        Assert.Equal(
            $"dnf downgrade: that version is not in the enabled repositories (No package {PatchName(Kernel284)}-1-0.el9_2.x86_64 available.); 'dnf --showduplicates list kpatch-patch-*' lists the versions they carry",
            result.Error);
        Assert.Equal([Versions(Kernel284)[2].Nevra], InstalledPackages(_root));
        Assert.Equal("failed", Journal()[^1].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_held_lock_makes_remove_wait_then_fail_and_remove_nothing()
    {
        var newest = Versions(Kernel284)[2];
        InstallDirectly(_root, newest.Nevra);
        var lockPath = Path.Combine(_root, OperationPaths.LockRelative);
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        using (new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var result = await Running(Kernel284, new KpatchSettings { LockWait = TimeSpan.FromMilliseconds(300) }).RemoveAsync(Options());

            Assert.Equal(OperationOutcome.Failed, result.Outcome);
            Assert.StartsWith("another kpatch-script operation", result.Error, StringComparison.Ordinal);
        }

        Assert.Equal([newest.Nevra], InstalledPackages(_root));
    }

    [Fact]
    public async Task A_read_only_target_refuses_to_remove_but_plans_it()
    {
        var tree = Directory.CreateTempSubdirectory("kps-revert-sysroot-").FullName;
        try
        {
            PrepareInstallRoot(tree);
            InstallDirectly(tree, Versions(Kernel284)[2].Nevra);
            Directory.CreateDirectory(Path.Combine(tree, "proc/sys/kernel"));
            File.WriteAllText(Path.Combine(tree, "proc/sys/kernel/osrelease"), Kernel284 + "\n");
            var sysroot = new KpatchFacade(new SysrootHostSystem(tree), TimeProvider.System);

            var real = await sysroot.RemoveAsync();
            var dry = await sysroot.RemoveAsync(new PackageOptions { DryRun = true });

            Assert.StartsWith($"target sysroot:{tree} is read-only: remove changes the host; use --dry-run to see the commands", real.Error, StringComparison.Ordinal);
            Assert.Equal(OperationOutcome.Planned, dry.Outcome);
            Assert.Equal($"kpatch-patch = {Kernel284}", dry.Commands.Single().Arguments[^1]);
            Assert.Equal([Versions(Kernel284)[2].Nevra], InstalledPackages(tree));
        }
        finally
        {
            Directory.Delete(tree, recursive: true);
        }
    }
}
