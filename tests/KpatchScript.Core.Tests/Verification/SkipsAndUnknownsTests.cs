using KpatchScript.Core.Tests.Detection;
using KpatchScript.Status;
using KpatchScript.Testing.Fakes;
using KpatchScript.Verification;

namespace KpatchScript.Core.Tests.Verification;

/// <summary>
/// What each check says when it has nothing to judge (a skip names why) and when what it needs is
/// unknown (it says which fact is missing, and never passes on it).
/// </summary>
public sealed class SkipsAndUnknownsTests
{
    private const string ModulePath = FakeHosts.ModulePath;

    private static IReadOnlyList<VerificationCheck> Checks(FakeHostSystem host, Func<HostStatus, HostStatus>? change = null) => VerifiedChecks.Of(host, change);

    private static VerificationCheck Check(FakeHostSystem host, string name, Func<HostStatus, HostStatus>? change = null) => VerifiedChecks.Named(host, name, change);

    [Theory]
    [InlineData("patches-enabled")]
    [InlineData("transition")]
    [InlineData("objects-patched")]
    [InlineData("taint-livepatch")]
    public void Unknown_livepatch_support_skips_each_patch_check_saying_why(string name)
    {
        var check = Check(FakeHosts.Healthy(), name, s => s with { Livepatch = s.Livepatch with { Support = Reading.Unknown<LivepatchSupport>("/sys/kernel cannot be read") } });

        Assert.Equal((CheckResult.Skip, "livepatch support is unknown: /sys/kernel cannot be read"), (check.Result, check.Detail));
    }

    [Fact]
    public void Objects_patched_skips_with_no_patch_loaded_and_on_a_kernel_without_the_patched_attribute()
    {
        var none = Check(FakeHosts.Healthy().Without(FakeHosts.PatchDir), "objects-patched");
        var oldKernel = Check(FakeHosts.Healthy().Without($"{FakeHosts.PatchDir}/vmlinux/patched"), "objects-patched");

        Assert.Equal((CheckResult.Skip, "no live patch is loaded"), (none.Result, none.Detail));
        Assert.Equal((CheckResult.Skip, "this kernel has no <object>/patched attribute (added in 6.1)"), (oldKernel.Result, oldKernel.Detail));
    }

    [Fact]
    public void Module_vermagic_skips_when_no_module_is_installed_for_the_running_kernel()
    {
        var check = Check(FakeHosts.Healthy().Without(ModulePath), "module-vermagic");

        Assert.Equal((CheckResult.Skip, "no patch module is installed for the running kernel"), (check.Result, check.Detail));
    }

    [Fact]
    public void An_unknown_running_kernel_gives_one_skipped_vermagic_check_whatever_the_status_says_of_its_modules()
    {
        // A status read back (a fleet document, a plugin's) can say a module is for the running kernel while not knowing which kernel runs.
        var checks = Checks(FakeHosts.Healthy(), s => s with { Kernel = s.Kernel with { Running = Reading.Unknown<string>("osrelease unreadable") } });

        var vermagic = Assert.Single(checks, c => c.Name.StartsWith("module-vermagic", StringComparison.Ordinal));
        Assert.Equal(("module-vermagic", CheckResult.Skip, "the running kernel is unknown: osrelease unreadable"), (vermagic.Name, vermagic.Result, vermagic.Detail));
    }

    [Fact]
    public void A_loaded_patch_whose_taint_letters_and_kernel_taint_are_both_unreadable_warns_saying_both()
    {
        var host = FakeHosts.Healthy()
            .WithFile(ModulePath, FakeHosts.ModuleFile(FakeHosts.Patch))
            .WithFile("/proc/modules", "xfs 2293760 1 - Live 0xffffffffc0600000\n")
            .WithFile("/proc/sys/kernel/tainted", "-5\n");

        var check = Check(host, "module-signature");

        Assert.Equal(CheckResult.Warn, check.Result);
        Assert.Contains(", and the kernel's taint cannot be read either: ", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_installed_module_not_loaded_whose_file_cannot_be_read_warns_naming_the_file()
    {
        var host = FakeHosts.Healthy().Without(FakeHosts.PatchDir).WithFailure(ModulePath, new UnauthorizedAccessException("denied"));

        var check = Check(host, "module-signature");

        Assert.Equal(CheckResult.Warn, check.Result);
        Assert.StartsWith($"{ModulePath}: ", check.Detail, StringComparison.Ordinal);
        Assert.EndsWith("(Red Hat's live patches are signed with a key RHEL kernels trust: find out where this one came from)", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Proc_modules_is_read_once_per_verification()
    {
        // objects-patched and module-signature both need it; over ssh each read is a round trip.
        var host = FakeHosts.Healthy().WithFile($"{FakeHosts.PatchDir}/nfsd/patched", "0\n").WithDirectory($"{FakeHosts.PatchDir}/nfsd/nfsd_open,1");
        var facade = new KpatchFacade(host, FixedTimeProvider.Default);
        var status = facade.Detect();
        var before = host.Reads.Count;

        var report = facade.VerifyNow(status);

        Assert.Equal(CheckResult.Pass, report.Checks.Single(c => c.Name == "objects-patched").Result);
        Assert.Equal(1, host.Reads.Skip(before).Count(p => p == "/proc/modules"));
    }
}
