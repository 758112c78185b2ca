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
        Assert.Equal(["OEK", "", "K"], modules.Select(m => m.Taint));
    }

    [Theory]
    [InlineData("kpatch_x 262144 1", "")] // the fewest fields read: name size refcount
    [InlineData("kpatch_x 262144 1 - Live (K)", "")] // the taint is the seventh field, not whatever ends in parentheses
    [InlineData("kpatch_x 262144 1 - Live 0xffffffffc0a00000 K", "")]
    [InlineData("kpatch_x 262144 1 - Live 0xffffffffc0a00000 (K", "")]
    [InlineData("kpatch_x 262144 1 - Live 0xffffffffc0a00000 K)", "")]
    [InlineData("kpatch_x 262144 1 - Live 0xffffffffc0a00000 (K)", "K")]
    public void Reads_the_taint_only_from_a_seventh_field_in_parentheses(string line, string taint)
    {
        var module = Assert.Single(ProcModulesParser.Parse(line + "\n").Value!);

        Assert.Equal(("kpatch_x", 1, taint), (module.Name, module.ReferenceCount.Value, module.Taint));
    }

    [Fact]
    public void A_proc_modules_line_of_two_fields_is_unknown_and_quoted()
    {
        var modules = ProcModulesParser.Parse("ok 1 0 - Live 0x0\nkpatch_x 262144\n");

        Assert.Equal("/proc/modules line 2 has 2 fields, expected 'name size refcount ...': 'kpatch_x 262144'", modules.UnknownReason);
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

    // Checked with Python 3's configparser: "[yes]" is a value, "[main=x]" a section with no keys.
    [Theory]
    [InlineData("[main]\nautoupdate = [yes]\n", "main", "autoupdate", "[yes]")]
    [InlineData("[main]\n#autoupdate = 1\n", "main", "#autoupdate", null)]
    [InlineData("[main]\n;autoupdate = 1\n", "main", ";autoupdate", null)]
    [InlineData("[main=x]\n", "main=x", "[main", null)]
    [InlineData("[main]\n= 1\n", "main", "", null)]
    public void Comments_section_headers_and_lines_without_a_key_assign_nothing_whatever_key_is_asked(string text, string section, string key, string? expected)
    {
        Assert.Equal(expected, IniParser.Get(text, section, key));
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
        Assert.Equal("- fix {CVE-2024-0001}\n\n- more\n", records[0].Changelog);
        Assert.Equal("", records[1].Changelog);
        Assert.Equal((null, "2"), (records[0].Epoch, records[1].Epoch)); // rpm's EPOCHNUM prints 0 for none
        Assert.Empty(records[1].Provides);
        Assert.True(RpmPackageParser.Parse("").Value!.Count == 0);
    }

    [Fact]
    public void A_package_record_is_its_header_line_and_a_changelog_may_hold_anything()
    {
        // The last record of rpm's output may end without a newline; a changelog line may hold tabs, '=' and ';'.
        var output = "@@kpatch-script-package@@\tkpatch-patch-a\t0\t1\t2.el9\tx86_64\t=nameless;kpatch-patch-a=1-2.el9;\n- fix\tkpatch-patch=evil;x=y\n" +
                     "@@kpatch-script-package@@\tkpatch-patch-b\t0\t1\t1.el9\tx86_64\tkpatch-patch-b=1-1.el9;";

        var records = RpmPackageParser.Parse(output).Value!;

        Assert.Equal(("kpatch-patch-a", "- fix\tkpatch-patch=evil;x=y\n"), (records[0].Name, records[0].Changelog));
        Assert.Equal(["kpatch-patch-a"], records[0].Provides.Keys); // a provide without a name is skipped
        Assert.Equal(("kpatch-patch-b", "", "1-1.el9"), (records[1].Name, records[1].Changelog, records[1].Provides["kpatch-patch-b"]));
    }

    [Theory]
    [InlineData("@@kpatch-script-package@@\tkpatch-patch-a\t1a\t1\t2.el9\tx86_64\t\n", "kpatch-patch-a\t1a\t1\t2.el9\tx86_64")] // the epoch is digits
    [InlineData("@@kpatch-script-package@@\tbad\n- changelog\n", "bad")] // the header, not its changelog
    [InlineData("@@kpatch-script-package@@\n- changelog\n", "")]
    public void An_unexpected_package_header_is_unknown_and_quoted(string output, string quoted)
    {
        Assert.Equal($"unexpected rpm output for kpatch-patch packages: '{quoted}'", RpmPackageParser.Parse(output).UnknownReason);
    }
}
