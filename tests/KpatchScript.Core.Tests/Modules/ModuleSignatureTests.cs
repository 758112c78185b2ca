using KpatchScript.Core.Tests.Loading;
using KpatchScript.Modules;
using KpatchScript.Testing.Fakes;
using KpatchScript.Verification;

namespace KpatchScript.Core.Tests.Modules;

/// <summary>
/// The module-signature check and the rules it shares with info: the kernel's taint letter E on a
/// loaded patch (unsigned or untrusted), the file's signature on an installed one, the kernel's taint
/// bit when a module's own letters cannot be read, and never "trusted" from an unknown.
/// </summary>
public sealed class ModuleSignatureTests
{
    private const string Installed = "/var/lib/kpatch/" + LabHosts.Release + "/kpatch-lab.ko";
    private const string Signature = "~Module signature appended~\n";

    private static FakeHostSystem Loaded(string taint, bool signedFile)
    {
        var host = LabHosts.Kernel().WithLoadedPatch()
            .WithFile("/proc/modules", $"{LabHosts.Patch} 16384 1 - Live 0xffffffffc059e000 ({taint})\nvirtio_net 73728 0 - Live 0xffffffffc05a3000\n")
            .WithFile("/proc/sys/kernel/tainted", taint.Contains('E') ? "45056\n" : "32768\n")
            .WithDirectory($"{LabHosts.PatchDir}/vmlinux");
        return host.WithFile(Installed, LabHosts.ModuleFile() + (signedFile ? Signature : ""));
    }

    private static VerificationCheck Check(FakeHostSystem host) =>
        new KpatchFacade(host, new SteppingTimeProvider()).Verify().Checks.Single(c => c.Name == "module-signature");

    [Fact]
    public void A_signed_patch_the_kernel_tainted_E_warns_that_its_key_is_not_trusted()
    {
        var check = Check(Loaded("OEK", signedFile: true));

        Assert.Equal(CheckResult.Warn, check.Result);
        Assert.StartsWith("kpatch_lab is signed, but the kernel marked it E when it loaded it: the key is not one the kernel trusts", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsigned_patch_the_kernel_tainted_E_warns_that_it_is_not_signed()
    {
        var check = Check(Loaded("OEK", signedFile: false));

        Assert.Equal(CheckResult.Warn, check.Result);
        Assert.StartsWith("kpatch_lab is not signed; the kernel marked it E", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signed_patch_loaded_without_E_passes_and_the_verdict_has_no_signature_reason()
    {
        var host = Loaded("K", signedFile: true);

        var report = new KpatchFacade(host, new SteppingTimeProvider()).Verify();

        var check = report.Checks.Single(c => c.Name == "module-signature");
        Assert.Equal((CheckResult.Pass, "signed and trusted by the kernel: kpatch_lab"), (check.Result, check.Detail));
        Assert.DoesNotContain(report.Verdict.Reasons, r => r.Code.Contains("module-signature", StringComparison.Ordinal));
    }

    [Fact]
    public void A_patch_tainted_E_makes_the_verdict_action_needed_with_its_coded_reason()
    {
        var report = new KpatchFacade(Loaded("OEK", signedFile: true), new SteppingTimeProvider()).Verify();

        Assert.Contains(report.Verdict.Reasons, r => r.Code == "check-warned:module-signature");
    }

    [Theory]
    [InlineData("0", CheckResult.Pass, "signed and trusted by the kernel: kpatch_lab")]
    [InlineData("8192", CheckResult.Warn, "kpatch_lab is loaded, but its taint letters cannot be read, so whether the kernel trusted its signature is unknown, and taint E is set: some module was loaded unsigned or with an untrusted key")]
    [InlineData("many", CheckResult.Warn, "kpatch_lab is loaded, but its taint letters cannot be read, so whether the kernel trusted its signature is unknown, and the kernel's taint cannot be read either: ")]
    public void Without_the_modules_own_letters_the_kernels_taint_bit_decides_and_an_unknown_warns(string tainted, CheckResult expected, string detail)
    {
        var host = Loaded("K", signedFile: true).WithFile("/proc/modules", "virtio_net 73728 0 - Live 0xffffffffc05a3000\n").WithFile("/proc/sys/kernel/tainted", tainted + "\n");

        var check = Check(host);

        Assert.Equal(expected, check.Result);
        Assert.StartsWith(detail, check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_installed_unsigned_module_that_is_not_loaded_warns()
    {
        var host = LabHosts.Kernel().WithFile(Installed, LabHosts.ModuleFile());

        var check = Check(host);

        Assert.Equal(CheckResult.Warn, check.Result);
        Assert.StartsWith($"{Installed} is not signed: a kernel that enforces signatures (Secure Boot, module.sig_enforce=1) refuses it", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_installed_signed_module_that_is_not_loaded_passes_as_not_checked_yet()
    {
        var check = Check(LabHosts.Kernel().WithFile(Installed, LabHosts.ModuleFile() + Signature));

        Assert.Equal((CheckResult.Pass, "signed and trusted by the kernel: kpatch_lab (signed, not loaded)"), (check.Result, check.Detail));
    }

    [Fact]
    public void Nothing_loaded_and_nothing_installed_skips()
    {
        Assert.Equal(CheckResult.Skip, Check(LabHosts.Kernel()).Result);
    }

    [Theory]
    [InlineData(true, true, "OEK", ModuleSignatureState.Untrusted)]
    [InlineData(false, true, "OEK", ModuleSignatureState.NotSigned)]
    [InlineData(null, true, "OEK", ModuleSignatureState.Untrusted)]
    [InlineData(true, true, "OK", ModuleSignatureState.Trusted)]
    [InlineData(null, true, "K", ModuleSignatureState.Trusted)]
    [InlineData(false, true, "K", ModuleSignatureState.NotSigned)]
    [InlineData(true, false, null, ModuleSignatureState.NotChecked)]
    [InlineData(false, false, null, ModuleSignatureState.NotSigned)]
    [InlineData(null, false, null, ModuleSignatureState.Unknown)]
    [InlineData(true, true, null, ModuleSignatureState.Unknown)]
    [InlineData(null, true, null, ModuleSignatureState.Unknown)]
    public void The_state_comes_from_the_file_and_the_kernels_letter_E(bool? hasSignature, bool loaded, string? taint, ModuleSignatureState expected)
    {
        Assert.Equal(expected, SignatureJudge.Judge("m", hasSignature, loaded, taint).State);
    }
}
