using KpatchScript.Operations;
using KpatchScript.Status;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;
using KpatchScript.Verdicts;
using static KpatchScript.TestFixtures.DnfLab;

namespace KpatchScript.Core.Tests.Packages;

/// <summary>
/// Eligibility and the support window from the repositories, against real dnf: a host (the
/// rhel9-covered tree made an installroot) running each kernel of the lab's eligibility
/// repository, its repositories asked by this machine's dnf with --installroot, as
/// <c>status --check-updates</c> does for a sysroot that is the configured install_root.
/// </summary>
public sealed class EligibilityTests : IDisposable
{
    /// <summary>Inside the 0-0 placeholder kernel's window and after the eligible kernel's: both days known.</summary>
    private static readonly FixedTimeProvider Clock = new(new DateTimeOffset(2024, 12, 1, 12, 0, 0, TimeSpan.Zero));

    private readonly List<string> _roots = [];

    public void Dispose()
    {
        foreach (var root in _roots)
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>A host running <paramref name="kernel"/>, built on <paramref name="builtOn"/> (its /proc/version), with the eligibility repository (or <paramref name="repositoryUrl"/>).</summary>
    private (HostStatus Status, Verdict Verdict) Host(string kernel, string builtOn, string? repositoryUrl = null, KpatchSettings? settings = null)
    {
        var root = Path.Combine(Path.GetTempPath(), $"kps-eligibility-{Guid.NewGuid():N}");
        _roots.Add(root);
        SysrootFixtures.Materialize(SysrootFixtures.Rhel9Covered, root);
        File.WriteAllText(Path.Combine(root, "proc/sys/kernel/osrelease"), kernel + "\n");
        File.WriteAllText(Path.Combine(root, "proc/version"), $"Linux version {kernel} (mockbuild@example.com) (gcc (GCC) 11.5.0) #1 SMP PREEMPT_DYNAMIC {builtOn}\n");
        PrepareInstallRoot(root, repositoryUrl ?? "file://" + EligibilityRepositoryPath);
        var local = new KpatchFacade(new LocalHostSystem(), Clock, settings);
        var status = new KpatchFacade(new SysrootHostSystem(root), Clock, settings).Detect(local.AskRepositories(new PackageOptions { InstallRoot = root }));
        return (status, VerdictJudge.Judge(status, null));
    }

    private static string Nevra(string kernel, string version) => EligibilityPackages.Single(p => p.Kind == "kpatch-patch" && p.KernelRelease == kernel && p.Version == version).Nevra;

    [Fact]
    public void An_eligible_kernel_with_patches_has_a_window_of_a_year_from_its_first_package_the_0_0()
    {
        var (status, verdict) = Host(EligibleKernel, "Tue Apr 23 10:00:00 UTC 2024");

        var eligibility = status.Kernel.Eligibility.Value!;
        Assert.Equal((EligibleKernel, true, "2024-04-30", PlaceholderKernel, (string?)null),
            (eligibility.Kernel, eligibility.Eligible, eligibility.FirstPackageBuilt, eligibility.NewestEligibleKernel, eligibility.Remedy));
        Assert.Equal([Nevra(EligibleKernel, "0"), Nevra(EligibleKernel, "1")], eligibility.Packages);
        var window = status.Kernel.SupportWindow.Value!;
        Assert.Equal((SupportWindow.FromRepositories, false, "2024-04-30", "2025-04-30", 150, "2024-04-23"),
            (window.Source, window.Estimate, window.Starts, window.Ends, window.DaysLeft, window.KernelBuilt));
        Assert.DoesNotContain(verdict.Reasons, r => r.Code is ReasonCodes.KernelNotEligible or ReasonCodes.UnknownEligibility or ReasonCodes.UnknownSupportWindow);
    }

    [Fact]
    public void An_eligible_kernel_with_only_the_0_0_placeholder_is_eligible_from_that_package()
    {
        var (status, verdict) = Host(PlaceholderKernel, "Tue Nov 5 10:00:00 UTC 2024");

        var eligibility = status.Kernel.Eligibility.Value!;
        Assert.True(eligibility.Eligible);
        Assert.Equal([Nevra(PlaceholderKernel, "0")], eligibility.Packages);
        var window = status.Kernel.SupportWindow.Value!;
        Assert.Equal((SupportWindow.FromRepositories, "2024-11-12", "2025-11-12", 346), (window.Source, window.Starts, window.Ends, window.DaysLeft));
        Assert.StartsWith($"first kpatch-patch package for this kernel built 2024-11-12 ({Nevra(PlaceholderKernel, "0")}) + 365 days", window.Basis, StringComparison.Ordinal);
        Assert.DoesNotContain(verdict.Reasons, r => r.Code == ReasonCodes.KernelNotEligible);
    }

    [Fact]
    public void An_errata_kernel_no_kpatch_patch_provides_is_not_covered_and_told_the_newest_eligible_kernel()
    {
        var (status, verdict) = Host(ErrataKernel, "Tue May 28 10:00:00 UTC 2024");

        var eligibility = status.Kernel.Eligibility.Value!;
        Assert.Equal((false, (string?)null, PlaceholderKernel), (eligibility.Eligible, eligibility.FirstPackageBuilt, eligibility.NewestEligibleKernel));
        Assert.Empty(eligibility.Packages);
        Assert.Equal($"install kernel {PlaceholderKernel}, the newest kpatch-eligible kernel in the enabled repositories, and reboot into it", eligibility.Remedy);

        // No year of live patches it will never get: no window, and the verdict says why once.
        Assert.False(status.Kernel.SupportWindow.IsKnown);
        Assert.Contains("is not kpatch-eligible", status.Kernel.SupportWindow.UnknownReason, StringComparison.Ordinal);
        Assert.Equal(VerdictState.NotCovered, verdict.State);
        var reason = Assert.Single(verdict.Reasons, r => r.Code == ReasonCodes.KernelNotEligible);
        Assert.Equal(ReasonLevel.NotCovered, reason.Level);
        Assert.Equal(
            $"This kernel gets no live patches: no package in the enabled repositories provides kpatch-patch = {ErrataKernel} (it is not a kpatch-eligible kernel); install kernel {PlaceholderKernel}, the newest kpatch-eligible kernel in the enabled repositories, and reboot into it.",
            reason.Text);
        Assert.DoesNotContain(verdict.Reasons, r => r.Code == ReasonCodes.UnknownSupportWindow);
    }

    [Fact]
    public void A_kernel_newer_than_every_eligible_one_is_told_to_wait_or_go_back_not_plainly_to_install_an_older_kernel()
    {
        const string newer = "5.14.0-611.5.1.el9_7.x86_64";

        var (status, verdict) = Host(newer, "Tue Nov 5 10:00:00 UTC 2025");

        var eligibility = status.Kernel.Eligibility.Value!;
        Assert.Equal((false, PlaceholderKernel), (eligibility.Eligible, eligibility.NewestEligibleKernel));
        Assert.Equal(
            $"the newest kpatch-eligible kernel in the enabled repositories, {PlaceholderKernel}, is older than this one: wait for a newer eligible kernel (Red Hat names one about quarterly), or install {PlaceholderKernel} and reboot into it",
            eligibility.Remedy);
        Assert.Contains(verdict.Reasons, r => r.Code == ReasonCodes.KernelNotEligible && r.Text.EndsWith(eligibility.Remedy + ".", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unreachable_repository_leaves_eligibility_unknown_and_the_window_an_estimate_never_an_answer()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"kps-no-repository-{Guid.NewGuid():N}");

        var (status, verdict) = Host(ErrataKernel, "Tue May 28 10:00:00 UTC 2024", "file://" + missing);

        Assert.False(status.Kernel.Eligibility.IsKnown);
        Assert.Contains("a repository is unreachable", status.Kernel.Eligibility.UnknownReason, StringComparison.Ordinal);
        var window = status.Kernel.SupportWindow.Value!;
        Assert.Equal((SupportWindow.FromEstimate, true, "2025-05-28"), (window.Source, window.Estimate, window.Ends));
        var reason = Assert.Single(verdict.Reasons, r => r.Code == ReasonCodes.UnknownEligibility);
        Assert.Equal(ReasonLevel.ActionNeeded, reason.Level);
        Assert.DoesNotContain(verdict.Reasons, r => r.Code == ReasonCodes.KernelNotEligible);
    }

    [Fact]
    public void Configuration_and_the_lifecycle_file_override_the_repositories()
    {
        var file = Path.Combine(Path.GetTempPath(), $"kps-lifecycle-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, $$"""
            {"source": "test table after Red Hat's Kernel Live Patch Support Cadence", "date": "2024-10-01",
             "kernels": [{"release": "{{EligibleKernel[..^".x86_64".Length]}}", "ends": "2028-04-30", "stream": "EUS"}]}
            """);
        try
        {
            var fromFile = Host(EligibleKernel, "Tue Apr 23 10:00:00 UTC 2024", settings: new KpatchSettings { SupportWindowFile = file }).Status.Kernel.SupportWindow.Value!;
            var fromConfiguration = Host(EligibleKernel, "Tue Apr 23 10:00:00 UTC 2024",
                settings: new KpatchSettings { SupportWindowFile = file, SupportWindowEnd = new DateOnly(2025, 1, 31) }).Status.Kernel.SupportWindow.Value!;

            Assert.Equal((SupportWindow.FromLifecycleFile, "2028-04-30", "EUS", false), (fromFile.Source, fromFile.Ends, fromFile.Stream, fromFile.Estimate));
            Assert.Contains("test table after Red Hat's Kernel Live Patch Support Cadence, 2024-10-01", fromFile.Basis, StringComparison.Ordinal);
            Assert.Equal((SupportWindow.FromConfiguration, "2025-01-31"), (fromConfiguration.Source, fromConfiguration.Ends));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
