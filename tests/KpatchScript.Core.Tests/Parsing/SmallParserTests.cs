using KpatchScript.Detection;
using KpatchScript.Parsing;

namespace KpatchScript.Core.Tests.Parsing;

public sealed class SmallParserTests
{
    [Fact]
    public void Extracts_cves_from_braces_only_sorted_and_distinct()
    {
        var changelog = """
            * Tue Apr 19 2022 Yannick Cote <ycote@redhat.com> [1-2.el8_5]
            - kernel: heap out of bounds write in nf_dup_netdev.c [2056875] {CVE-2022-25636}
            - kernel: two at once [1] {CVE-2023-42753, CVE-2023-4622}
            - kernel: repeated [2] {CVE-2022-25636}
            - mentions CVE-2020-0001 outside braces, which is not a fix claim
            - broken {CVE-20-1}
            """;

        Assert.Equal(["CVE-2022-25636", "CVE-2023-4622", "CVE-2023-42753"], CveExtractor.Extract(changelog));
    }

    [Fact]
    public void Reads_proc_modules_with_and_without_taint()
    {
        var modules = ProcModulesParser.Parse("""
            livepatch_cmdline 16384 0 - Live 0xffffffffc0a00000 (OEK)
            libcrc32c 12288 2 xfs,nf_conntrack, Live 0xffffffffc0500000
            kpatch_x 262144 1 - Live 0xffffffffc0a00000 (K)
            """).Value!;

        Assert.Equal(["livepatch_cmdline", "libcrc32c", "kpatch_x"], modules.Select(m => m.Name));
        Assert.Equal([true, false, true], modules.Select(m => m.IsLivepatch));
        Assert.Equal(0, modules[0].ReferenceCount.Value);
        Assert.Equal("OEK", modules[0].Taint);
    }

    [Theory]
    [InlineData("[main]\nautoupdate = True\n", "True")]
    [InlineData("[main]\nAutoUpdate:false\n", "false")]
    [InlineData("[main]\n; comment\nautoupdate=1\nautoupdate=0\n", "0")]
    [InlineData("autoupdate=True\n[main]\n", null)]
    [InlineData("[main]\n# autoupdate = 1\nautoupdate = 0\n", "0")]
    [InlineData("[main]\n;autoupdate = 1\n", null)]
    [InlineData("[main]\n=1\n", null)]
    [InlineData("[other]\nautoupdate = 1\n[main]\nenabled = 1\n", null)]
    [InlineData("[ main ]\n  autoupdate :  yes  \n", "yes")]
    [InlineData("[main]\r\nautoupdate = no\r\n", "no")]
    [InlineData("[Main]\nautoupdate = 1\n", null)]
    public void Reads_dnf_plugin_settings_like_configparser(string text, string? expected)
    {
        Assert.Equal(expected, IniParser.Get(text, "main", "autoupdate"));
    }

    [Theory]
    [InlineData("kpatch-5_14_0-284_11_1-1-1.ko", "kpatch_5_14_0_284_11_1_1_1")]
    [InlineData("/var/lib/kpatch/x/livepatch-fix-cmdline.ko", "livepatch_fix_cmdline")]
    public void Names_modules_the_way_kpatch_does(string file, string expected)
    {
        Assert.Equal(expected, KpatchToolingDetector.ModuleName(file));
    }

    [Theory]
    [InlineData("5.14.0-427.13.1.el9_4.x86_64", "x86_64")]
    [InlineData("5.14.0-427.13.1.el9_4.aarch64", "aarch64")]
    [InlineData("5.14.0-427.13.1.el9_4.x86_64+debug", "x86_64")]
    [InlineData("6.1.0-41-amd64", "x86_64")]
    [InlineData("6.1.0-41-cloud-amd64", "x86_64")]
    [InlineData("6.12.48+deb13-arm64", "aarch64")]
    [InlineData("6.18.44-fc-v782", null)]
    public void Names_the_architecture_a_release_names(string release, string? expected)
    {
        Assert.Equal(expected, HostInfoDetector.ArchitectureFromRelease(release));
    }

    [Fact]
    public void Reads_kernel_provides_and_skips_other_provides()
    {
        var kernels = RpmKernelParser.Parse("kernel-core\tkernel\t5.14.0\nkernel-core\tkernel-uname-r\t5.14.0-1.el9.x86_64\nkernel-rt-core\tkernel-uname-r\t5.14.0-1.el9.x86_64+rt\n").Value!;

        Assert.Equal([("kernel-core", "5.14.0-1.el9.x86_64"), ("kernel-rt-core", "5.14.0-1.el9.x86_64+rt")], kernels);
    }

    [Fact]
    public void Reads_package_records_with_multiline_changelogs()
    {
        var output = "@@kpatch-script-package@@\tkpatch-patch-a\t0\t1\t2.el9\tx86_64\tkpatch-patch=5.14.0-1.el9.x86_64;kpatch-patch-a=1-2.el9;\n- fix {CVE-2024-0001}\n\n- more\n" +
                     "@@kpatch-script-package@@\tkpatch-patch-b\t2\t0\t0.el9\tx86_64\t\n";

        var records = RpmPackageParser.Parse(output).Value!;

        Assert.Equal(2, records.Count);
        Assert.Equal("5.14.0-1.el9.x86_64", records[0].Provides["kpatch-patch"]);
        Assert.Contains("{CVE-2024-0001}", records[0].Changelog, StringComparison.Ordinal);
        Assert.Equal((null, "2"), (records[0].Epoch, records[1].Epoch)); // rpm's EPOCHNUM prints 0 for none
        Assert.Empty(records[1].Provides);
        Assert.True(RpmPackageParser.Parse("").Value!.Count == 0);
    }
}
