using KpatchScript.Core.Tests.Loading;
using KpatchScript.Modules;
using KpatchScript.Parsing;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Core.Tests.Modules;

/// <summary>info MODULE: found as kpatch finds it (and loaded-only modules too), the .modinfo fields in file order, the signature lines of the target's modinfo, and one-line reasons when it cannot be shown.</summary>
public sealed class ModuleInspectorTests
{
    private const string Directory = "/var/lib/kpatch/" + LabHosts.Release;

    // A .modinfo section between other strings, as a compiler lays it out: padding NULs, a "srcname="-like string outside it.
    private static string ModuleText(bool signed = true) =>
        "\x7f" + "ELF\0\0\0text srcname=outside\0cmdline_proc_show\0\0\0" +
        "version=1.2\0description=lab patch\0license=GPL\0livepatch=Y\0\0srcversion=ABCDEF0123\0depends=\0retpoline=Y\0intree=Y\0" +
        $"name={LabHosts.Patch}\0vermagic={LabHosts.Release} SMP preempt mod_unload modversions \0\0\0" +
        "\x01\x02__this_module\0" + (signed ? "~Module signature appended~\n" : "");

    private const string Modinfo = """
        filename:       /var/lib/kpatch/6.1.0-56-amd64/kpatch-lab.ko
        version:        1.2
        name:           kpatch_lab
        vermagic:       6.1.0-56-amd64 SMP preempt mod_unload modversions 
        sig_id:         PKCS#7
        signer:         KpatchScript lab untrusted key
        sig_key:        4F:13:AA:09
        sig_hashalgo:   sha256
        signature:      30:82:02:B3:06:09:2A:86:48:86:F7:0D:01:07:02:A0:
                        82:02:A4:30:82:02:A0:02:01:01:31:0D:30:0B:06:09
        """;

    private static FakeHostSystem Host() =>
        LabHosts.Kernel().WithFile($"{Directory}/kpatch-lab.ko", ModuleText()).WithFile("/usr/sbin/modinfo", "ELF").WithCommand("/usr/sbin/modinfo", 0, Modinfo);

    private static PatchModuleDetails Inspect(FakeHostSystem host, string query)
    {
        var reading = new KpatchFacade(host, new SteppingTimeProvider()).InfoAsync(query).GetAwaiter().GetResult();
        Assert.True(reading.IsKnown, reading.UnknownReason);
        return reading.Value!;
    }

    [Fact]
    public void The_modinfo_fields_are_read_in_file_order_and_nothing_outside_the_section()
    {
        var fields = ModuleInfo.Fields(ModuleText());

        Assert.Equal(
            ["version=1.2", "description=lab patch", "license=GPL", "livepatch=Y", "srcversion=ABCDEF0123", "depends=", "retpoline=Y", "intree=Y", $"name={LabHosts.Patch}", $"vermagic={LabHosts.Release} SMP preempt mod_unload modversions "],
            fields.Select(f => $"{f.Key}={f.Value}"));
    }

    [Fact]
    public void A_text_without_vermagic_has_no_fields()
    {
        Assert.Empty(ModuleInfo.Fields("version=1\0name=x\0"));
    }

    [Fact]
    public void The_signature_lines_of_modinfo_are_read_and_the_hex_signature_is_not()
    {
        var lines = ModinfoOutput.Parse(Modinfo).Value;

        Assert.Equal(new ModinfoOutput.SignatureLines("KpatchScript lab untrusted key", "4F:13:AA:09", "sha256"), lines);
    }

    [Theory]
    [InlineData("kpatch_lab")]
    [InlineData("kpatch-lab")]
    [InlineData("kpatch-lab.ko")]
    [InlineData(Directory + "/kpatch-lab.ko")]
    public void An_installed_module_is_found_by_name_file_name_or_path(string query)
    {
        var module = Inspect(Host(), query);

        Assert.Equal((LabHosts.Patch, $"{Directory}/kpatch-lab.ko", true, LabHosts.Release), (module.Name, module.Path, module.Installed, module.KernelRelease));
        Assert.Equal(ModuleSignatureState.NotChecked, module.Signature.State);
        Assert.Equal(("KpatchScript lab untrusted key", "4F:13:AA:09", "sha256"), (module.Signature.Signer, module.Signature.KeyId, module.Signature.HashAlgorithm));
        Assert.False(module.Loaded);
        Assert.Null(module.Patch);
    }

    [Fact]
    public void A_module_is_found_by_the_name_inside_it_when_its_file_is_named_otherwise()
    {
        var host = LabHosts.Kernel().WithFile($"{Directory}/kpatch-5_14-1-1.ko", ModuleText()).WithFile("/usr/sbin/modinfo", "ELF").WithCommand("/usr/sbin/modinfo", 0, Modinfo);

        Assert.Equal($"{Directory}/kpatch-5_14-1-1.ko", Inspect(host, LabHosts.Patch).Path);
    }

    [Fact]
    public void A_loaded_patch_shows_its_state_taint_objects_and_the_kernels_word_on_its_signature()
    {
        var host = Host().WithLoadedPatch()
            .WithFile("/proc/modules", $"{LabHosts.Patch} 16384 1 - Live 0xffffffffc059e000 (OEK)\n")
            .WithFile($"{LabHosts.PatchDir}/vmlinux/patched", "1\n")
            .WithDirectory($"{LabHosts.PatchDir}/vmlinux/cmdline_proc_show,1");

        var module = Inspect(host, LabHosts.Patch);

        Assert.True(module.Loaded);
        Assert.Equal("OEK", module.Taint);
        Assert.Equal(ModuleSignatureState.Untrusted, module.Signature.State);
        Assert.Equal("enabled", module.Patch!.State);
        var patched = Assert.Single(module.Patch.Objects.Value!);
        Assert.Equal(("vmlinux", "cmdline_proc_show"), (patched.Name, Assert.Single(patched.Functions).Name));
    }

    [Fact]
    public void A_module_only_loaded_is_shown_from_the_kernel_alone()
    {
        var host = LabHosts.Kernel().WithLoadedPatch().WithFile("/proc/modules", $"{LabHosts.Patch} 16384 1 - Live 0xffffffffc059e000 (OEK)\n");

        var module = Inspect(host, LabHosts.Patch);

        Assert.Equal((null, false, 0), (module.Path, module.Installed, module.Fields.Count));
        Assert.Equal(ModuleSignatureState.Untrusted, module.Signature.State);
    }

    [Fact]
    public void A_modinfo_without_signature_lines_leaves_the_signer_unknown_and_says_why()
    {
        var host = LabHosts.Kernel().WithFile($"{Directory}/kpatch-lab.ko", ModuleText()).WithFile("/bin/modinfo", "busybox")
            .WithCommand("/bin/modinfo", 1, "", "modinfo: can't open '/lib/modules/6.1.0-56-amd64/modules.dep'");

        var module = Inspect(host, LabHosts.Patch);

        Assert.Null(module.Signature.Signer);
        Assert.EndsWith("signer and key unknown: the target's /bin/modinfo does not show them (kmod's modinfo does)", module.Signature.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signer_that_the_modules_own_modinfo_names_too_is_not_shown_as_its_signer()
    {
        var host = LabHosts.Kernel().WithFile($"{Directory}/kpatch-lab.ko", ModuleText()).WithFile("/usr/sbin/modinfo", "ELF")
            .WithCommand("/usr/sbin/modinfo", 0, "name:           kpatch_lab\nsigner:         Trusted vendor key\n" + Modinfo);

        var module = Inspect(host, LabHosts.Patch);

        Assert.Equal((null, null, null), (module.Signature.Signer, module.Signature.KeyId, module.Signature.HashAlgorithm));
        Assert.EndsWith(
            "signer and key unknown: modinfo shows signer twice: the module's own .modinfo names one too, so which is its signature's is unknown",
            module.Signature.Explanation,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Without_modinfo_the_signer_is_unknown_and_says_where_it_looked()
    {
        var module = Inspect(LabHosts.Kernel().WithFile($"{Directory}/kpatch-lab.ko", ModuleText()), LabHosts.Patch);

        Assert.EndsWith("signer and key unknown: the target has no modinfo (/usr/sbin/modinfo, /sbin/modinfo, /usr/bin/modinfo, /bin/modinfo; kmod)", module.Signature.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nope", "can't find nope: it is not installed for the running kernel 6.1.0-56-amd64 (in /var/lib/kpatch/6.1.0-56-amd64 or /usr/lib/kpatch/6.1.0-56-amd64) and not loaded; give the path of its .ko file")]
    [InlineData("lab/x.ko", "'lab/x.ko' is not an absolute path: name the .ko file as it is on the target, or the module by its name")]
    [InlineData("/lab/missing.ko", "/lab/missing.ko does not exist")]
    [InlineData("/proc/modules", "/proc/modules is not a kernel module (it has no vermagic)")]
    [InlineData(" ", "name a module: a patch name as 'kpatch-script status' shows it, or the path of a .ko file")]
    public async Task What_cannot_be_shown_is_one_line_saying_why(string query, string reason)
    {
        var reading = await new KpatchFacade(Host(), new SteppingTimeProvider()).InfoAsync(query);

        Assert.False(reading.IsKnown);
        Assert.Equal(reason, reading.UnknownReason);
    }
}
