using KpatchScript.Core.Tests.Detection;
using KpatchScript.Status;
using KpatchScript.Testing.Fakes;
using KpatchScript.Verification;

namespace KpatchScript.Core.Tests.Verification;

/// <summary>
/// Each built-in check's failing branch, one fact changed on a healthy host at a time: what must fail
/// fails (and says why), an unreadable value fails instead of skipping, and the passing wording is
/// only given when it is true.
/// </summary>
public sealed class FailingBranchTests
{
    private const string ModulePath = FakeHosts.ModulePath;

    private static VerificationCheck Check(FakeHostSystem host, string name) => VerifiedChecks.Named(host, name);

    private static VerificationCheck VermagicCheck(FakeHostSystem host) =>
        VerifiedChecks.Of(host).Single(c => c.Name.StartsWith("module-vermagic:", StringComparison.Ordinal));

    [Fact]
    public void The_healthy_host_passes_every_check_that_these_tests_break()
    {
        var host = FakeHosts.Healthy().WithFile(ModulePath, FakeHosts.ModuleFile(FakeHosts.Patch));

        foreach (var name in new[] { "installed-modules-loaded", "patches-enabled", "transition", "objects-patched", "taint-livepatch", "module-signature" })
        {
            Assert.Equal((name, CheckResult.Pass), (name, Check(host, name).Result));
        }

        Assert.Equal(CheckResult.Pass, VermagicCheck(host).Result);
    }

    [Fact]
    public void A_disabled_patch_fails_patches_enabled()
    {
        var check = Check(FakeHosts.Healthy().WithFile($"{FakeHosts.PatchDir}/enabled", "0\n"), "patches-enabled");

        Assert.Equal((CheckResult.Fail, $"{FakeHosts.Patch} is disabled"), (check.Result, check.Detail));
    }

    [Fact]
    public void An_unreadable_enabled_flag_fails_patches_enabled_with_the_reason()
    {
        var check = Check(FakeHosts.Healthy().WithFile($"{FakeHosts.PatchDir}/enabled", "maybe\n"), "patches-enabled");

        Assert.Equal(CheckResult.Fail, check.Result);
        Assert.StartsWith($"{FakeHosts.Patch}: ", check.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("is disabled", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_enabled_patch_passes_patches_enabled_naming_it()
    {
        var check = Check(FakeHosts.Healthy(), "patches-enabled");

        Assert.Equal((CheckResult.Pass, $"1 patch(es) enabled: {FakeHosts.Patch}"), (check.Result, check.Detail));
    }

    [Theory]
    [InlineData("patches-enabled")]
    [InlineData("transition")]
    [InlineData("objects-patched")]
    [InlineData("taint-livepatch")]
    public void An_unreadable_patch_list_fails_each_patch_check_instead_of_skipping(string name)
    {
        var facade = new KpatchFacade(FakeHosts.Healthy(), FixedTimeProvider.Default);
        var detected = facade.Detect();
        var status = detected with { Livepatch = detected.Livepatch with { Patches = Reading.Unknown<IReadOnlyList<LivepatchPatch>>("/sys/kernel/livepatch cannot be listed: permission denied") } };

        var check = facade.VerifyNow(status).Checks.Single(c => c.Name == name);

        Assert.Equal((CheckResult.Fail, "the patches cannot be read: /sys/kernel/livepatch cannot be listed: permission denied"), (check.Result, check.Detail));
    }

    [Fact]
    public void An_unreadable_transition_state_fails_the_transition_check()
    {
        var check = Check(FakeHosts.Healthy().WithFile($"{FakeHosts.PatchDir}/transition", "x\n"), "transition");

        Assert.Equal(CheckResult.Fail, check.Result);
        Assert.StartsWith($"{FakeHosts.Patch}: ", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void No_patch_in_transition_passes_the_transition_check()
    {
        var check = Check(FakeHosts.Healthy(), "transition");

        Assert.Equal((CheckResult.Pass, "no patch is in transition"), (check.Result, check.Detail));
    }

    [Fact]
    public void An_unpatched_vmlinux_fails_objects_patched_even_though_vmlinux_is_no_module_in_proc_modules()
    {
        var check = Check(FakeHosts.Healthy().WithFile($"{FakeHosts.PatchDir}/vmlinux/patched", "0\n"), "objects-patched");

        Assert.Equal((CheckResult.Fail, $"not patched: {FakeHosts.Patch}/vmlinux"), (check.Result, check.Detail));
    }

    [Fact]
    public void An_unreadable_patched_flag_fails_objects_patched_even_for_a_module_not_loaded()
    {
        var host = FakeHosts.Healthy().WithFile($"{FakeHosts.PatchDir}/nfsd/patched", "?\n").WithDirectory($"{FakeHosts.PatchDir}/nfsd/nfsd_open,1");

        var check = Check(host, "objects-patched");

        Assert.Equal((CheckResult.Fail, $"not patched: {FakeHosts.Patch}/nfsd"), (check.Result, check.Detail));
    }

    [Fact]
    public void An_object_of_a_module_not_loaded_waits_and_passes_naming_it()
    {
        var host = FakeHosts.Healthy().WithFile($"{FakeHosts.PatchDir}/nfsd/patched", "0\n").WithDirectory($"{FakeHosts.PatchDir}/nfsd/nfsd_open,1");

        var check = Check(host, "objects-patched");

        Assert.Equal((CheckResult.Pass, $"patched where loaded; waiting for module(s) to load: {FakeHosts.Patch}/nfsd"), (check.Result, check.Detail));
    }

    [Fact]
    public void Objects_all_patched_pass_with_their_count()
    {
        var check = Check(FakeHosts.Healthy(), "objects-patched");

        Assert.Equal((CheckResult.Pass, "1 object(s) patched"), (check.Result, check.Detail));
    }

    [Fact]
    public void A_loaded_patch_without_taint_K_fails_as_inconsistent()
    {
        var check = Check(FakeHosts.Healthy().WithFile("/proc/sys/kernel/tainted", "0\n"), "taint-livepatch");

        Assert.Equal((CheckResult.Fail, "patches are loaded but taint K is not set: the kernel state is inconsistent"), (check.Result, check.Detail));
    }

    [Fact]
    public void An_unreadable_taint_fails_taint_livepatch()
    {
        var check = Check(FakeHosts.Healthy().WithFile("/proc/sys/kernel/tainted", "-5\n"), "taint-livepatch");

        Assert.Equal(CheckResult.Fail, check.Result);
        Assert.StartsWith("the taint cannot be read: ", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_module_built_for_the_running_kernel_says_whether_it_is_signed()
    {
        var signed = VermagicCheck(FakeHosts.Healthy().WithFile(ModulePath, FakeHosts.ModuleFile(FakeHosts.Patch)));
        var unsigned = VermagicCheck(FakeHosts.Healthy().WithFile(ModulePath, FakeHosts.ModuleFile(FakeHosts.Patch, signed: false)));

        Assert.Equal((CheckResult.Pass, $"{ModulePath} is built for {FakeHosts.Release}, signed"), (signed.Result, signed.Detail));
        Assert.Equal((CheckResult.Pass, $"{ModulePath} is built for {FakeHosts.Release}, not signed"), (unsigned.Result, unsigned.Detail));
    }

    [Fact]
    public void A_file_without_vermagic_warns_that_it_is_no_kernel_module()
    {
        var check = VermagicCheck(FakeHosts.Healthy());

        Assert.Equal((CheckResult.Warn, $"{ModulePath} has no vermagic: not a kernel module file"), (check.Result, check.Detail));
    }

    [Fact]
    public void An_unreadable_module_file_fails_module_vermagic()
    {
        var check = VermagicCheck(FakeHosts.Healthy().WithFailure(ModulePath, new UnauthorizedAccessException("denied")));

        Assert.Equal(CheckResult.Fail, check.Result);
        Assert.StartsWith($"{ModulePath}: ", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_running_kernel_skips_module_vermagic_saying_so()
    {
        var check = Check(FakeHosts.Healthy().Without("/proc/sys/kernel/osrelease"), "module-vermagic");

        Assert.Equal(CheckResult.Skip, check.Result);
        Assert.StartsWith("the running kernel is unknown: ", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Installed_modules_on_a_kernel_that_cannot_be_live_patched_fail()
    {
        var host = FakeHosts.Healthy().Without("/sys/kernel/livepatch").WithDirectory("/sys/kernel");

        var check = Check(host, "installed-modules-loaded");

        Assert.Equal(CheckResult.Fail, check.Result);
        Assert.StartsWith("1 module(s) installed but ", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_installed_modules_fail_installed_modules_loaded()
    {
        var host = FakeHosts.Healthy().WithFailure("/var/lib/kpatch", new UnauthorizedAccessException("denied"));

        var check = Check(host, "installed-modules-loaded");

        Assert.Equal(CheckResult.Fail, check.Result);
        Assert.StartsWith("installed modules cannot be read: ", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Loaded_installed_modules_pass_naming_them()
    {
        var check = Check(FakeHosts.Healthy(), "installed-modules-loaded");

        Assert.Equal((CheckResult.Pass, $"1 installed module(s) for the running kernel loaded: {FakeHosts.Patch}"), (check.Result, check.Detail));
    }
}
