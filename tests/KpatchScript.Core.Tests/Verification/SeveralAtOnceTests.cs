using KpatchScript.Core.Tests.Detection;
using KpatchScript.Testing.Fakes;
using KpatchScript.Verification;

namespace KpatchScript.Core.Tests.Verification;

/// <summary>
/// The built-in checks on a host with two live patches (or two module objects, or one module file
/// installed twice): every patch, module and object is named, each once, in the order the host
/// lists them, with the separator the detail uses. The single-patch wording is in <see cref="FailingBranchTests"/>.
/// </summary>
public sealed class SeveralAtOnceTests
{
    private const string Second = "kpatch_5_14_0_284_11_1_1_2";
    private const string SecondDir = "/sys/kernel/livepatch/" + Second;
    private const string FirstFile = FakeHosts.ModulePath;
    private const string SecondFile = $"/var/lib/kpatch/{FakeHosts.Release}/kpatch-5_14_0-284_11_1-1-2.ko";
    private const string FirstFileAgain = $"/usr/lib/kpatch/{FakeHosts.Release}/kpatch-5_14_0-284_11_1-1-1.ko";

    /// <summary>The healthy host with a second patch loaded, enabled and installed, both signed.</summary>
    private static FakeHostSystem TwoPatches() =>
        FakeHosts.Healthy()
            .WithFile(FirstFile, FakeHosts.ModuleFile(FakeHosts.Patch))
            .WithFile(SecondFile, FakeHosts.ModuleFile(Second))
            .WithFile("/proc/modules", $"{FakeHosts.Patch} 262144 1 - Live 0xffffffffc0a00000 (K)\n{Second} 262144 1 - Live 0xffffffffc0b00000 (K)\nxfs 2293760 1 - Live 0xffffffffc0600000\n")
            .WithFile($"{SecondDir}/enabled", "1\n")
            .WithFile($"{SecondDir}/transition", "0\n")
            .WithFile($"{SecondDir}/replace", "0\n")
            .WithFile($"{SecondDir}/stack_order", "2\n")
            .WithFile($"{SecondDir}/vmlinux/patched", "1\n")
            .WithDirectory($"{SecondDir}/vmlinux/meminfo_proc_show,1");

    private static VerificationCheck Check(FakeHostSystem host, string name) => VerifiedChecks.Named(host, name);

    [Fact]
    public void Two_healthy_patches_pass_every_check_naming_both()
    {
        var checks = VerifiedChecks.Of(TwoPatches());
        string Detail(string name) => checks.Single(c => c.Name == name && c.Result == CheckResult.Pass).Detail;

        Assert.Equal($"2 patch(es) enabled: {FakeHosts.Patch}, {Second}", Detail("patches-enabled"));
        Assert.Equal($"2 installed module(s) for the running kernel loaded: {FakeHosts.Patch}, {Second}", Detail("installed-modules-loaded"));
        Assert.Equal("2 object(s) patched", Detail("objects-patched"));
        Assert.Equal($"signed and trusted by the kernel: {FakeHosts.Patch}, {Second}", Detail("module-signature"));
    }

    [Fact]
    public void Two_disabled_patches_are_each_named_in_patches_enabled()
    {
        var check = Check(TwoPatches().WithFile($"{FakeHosts.PatchDir}/enabled", "0\n").WithFile($"{SecondDir}/enabled", "0\n"), "patches-enabled");

        Assert.Equal((CheckResult.Fail, $"{FakeHosts.Patch} is disabled; {Second} is disabled"), (check.Result, check.Detail));
    }

    [Fact]
    public void Two_unreadable_transition_states_are_each_named_with_their_reason()
    {
        var check = Check(TwoPatches().WithFile($"{FakeHosts.PatchDir}/transition", "x\n").WithFile($"{SecondDir}/transition", "y\n"), "transition");

        Assert.Equal(CheckResult.Fail, check.Result);
        Assert.StartsWith($"{FakeHosts.Patch}: ", check.Detail, StringComparison.Ordinal);
        Assert.Contains($"; {Second}: ", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_patches_in_transition_are_named_together()
    {
        var host = TwoPatches().InTransition().WithFile($"{SecondDir}/transition", "1\n");

        var check = Check(host, "transition");

        Assert.Equal(CheckResult.Fail, check.Result);
        Assert.StartsWith($"{FakeHosts.Patch}, {Second} in transition at this moment", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_installed_modules_not_loaded_are_both_named()
    {
        var host = TwoPatches().Without(FakeHosts.PatchDir).Without(SecondDir);

        var check = Check(host, "installed-modules-loaded");

        Assert.Equal(
            (CheckResult.Fail, $"installed for the running kernel but not loaded: {FakeHosts.Patch}, {Second} (load with 'kpatch load', or check kpatch.service)"),
            (check.Result, check.Detail));
    }

    [Fact]
    public void Two_objects_not_patched_are_both_named()
    {
        var host = TwoPatches().WithFile($"{FakeHosts.PatchDir}/vmlinux/patched", "0\n").WithFile($"{SecondDir}/vmlinux/patched", "0\n");

        var check = Check(host, "objects-patched");

        Assert.Equal((CheckResult.Fail, $"not patched: {FakeHosts.Patch}/vmlinux, {Second}/vmlinux"), (check.Result, check.Detail));
    }

    [Fact]
    public void Two_objects_waiting_for_their_modules_are_both_named()
    {
        var host = FakeHosts.Healthy()
            .WithFile($"{FakeHosts.PatchDir}/ext4/patched", "0\n").WithDirectory($"{FakeHosts.PatchDir}/ext4/ext4_fill_super,1")
            .WithFile($"{FakeHosts.PatchDir}/nfsd/patched", "0\n").WithDirectory($"{FakeHosts.PatchDir}/nfsd/nfsd_open,1");

        var check = Check(host, "objects-patched");

        Assert.Equal((CheckResult.Pass, $"patched where loaded; waiting for module(s) to load: {FakeHosts.Patch}/ext4, {FakeHosts.Patch}/nfsd"), (check.Result, check.Detail));
    }

    [Fact]
    public void A_module_installed_in_both_directories_counts_once()
    {
        var host = FakeHosts.Healthy().WithFile(FirstFile, FakeHosts.ModuleFile(FakeHosts.Patch)).WithFile(FirstFileAgain, FakeHosts.ModuleFile(FakeHosts.Patch));

        var loaded = Check(host, "installed-modules-loaded");
        var notLoaded = Check(host.Without(FakeHosts.PatchDir), "module-signature");

        Assert.Equal((CheckResult.Pass, $"1 installed module(s) for the running kernel loaded: {FakeHosts.Patch}"), (loaded.Result, loaded.Detail));
        Assert.Equal((CheckResult.Pass, $"signed and trusted by the kernel: {FakeHosts.Patch} (signed, not loaded)"), (notLoaded.Result, notLoaded.Detail));
    }

    [Fact]
    public void Two_signed_modules_installed_but_not_loaded_are_both_named()
    {
        var check = Check(TwoPatches().Without(FakeHosts.PatchDir).Without(SecondDir), "module-signature");

        Assert.Equal((CheckResult.Pass, $"signed and trusted by the kernel: {FakeHosts.Patch} (signed, not loaded), {Second} (signed, not loaded)"), (check.Result, check.Detail));
    }
}
