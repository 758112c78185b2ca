using System.Buffers;
using System.Text;
using System.Text.Json;
using KpatchScript.Serialization;
using KpatchScript.Status;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Core.Tests.Detection;

/// <summary>
/// Detection over captured hosts (tests/fixtures/sysroots). The golden JSON pins every field of
/// HostStatus for each case; the facts tests below state the ones that matter in words.
/// </summary>
public sealed class SysrootDetectionTests
{
    public static TheoryData<string> Cases() => new(SysrootFixtures.All);

    private static KpatchFacade Facade(string fixture) => new(new SysrootHostSystem(SysrootFixtures.Get(fixture)), FixedTimeProvider.Default);

    private static async Task<HostStatus> DetectAsync(string fixture) => await Facade(fixture).DetectAsync();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Matches_the_golden_status_field_for_field(string fixture)
    {
        var status = await DetectAsync(fixture) with { Target = "sysroot:" + fixture, ToolVersion = "<version>" };

        // The document status --json prints: the verdict (verify's checks as of now over this status) after tool_version.
        var json = StatusJson.Serialize(status, Facade(fixture).VerifyNow(status).Verdict);
        Assert.Empty(JsonSchemaFile.Status.Errors(json));
        Assert.Equal(GoldenFiles.Expected($"tests/KpatchScript.Core.Tests/Golden/status/{fixture}.json", json + "\n"), json + "\n");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Rounds_trip_through_json(string fixture)
    {
        var status = await DetectAsync(fixture);
        var json = StatusJson.Serialize(status);

        // The fast writer and System.Text.Json's contract agree byte for byte, both ways.
        Assert.Equal(StatusJson.SerializeWithContext(status), json);
        Assert.Equal(json, StatusJson.Serialize(StatusJson.Deserialize(json)!));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_compact_form_is_the_document_without_its_indentation(string fixture)
    {
        var status = await DetectAsync(fixture);
        var verdict = Facade(fixture).VerifyNow(status).Verdict;
        var indented = StatusJson.Serialize(status, verdict);
        var compact = new ArrayBufferWriter<byte>();
        // Twice into one buffer: the thread's text buffer is reused, and the second document follows the first.
        StatusJson.SerializeCompact(status, verdict, compact);
        var first = compact.WrittenCount;
        StatusJson.SerializeCompact(status, verdict, compact);

        using var document = JsonDocument.Parse(indented);
        var minified = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(minified, new JsonWriterOptions { Indented = false, Encoder = JsonConvention.Encoder }))
        {
            document.WriteTo(writer);
        }

        Assert.Equal(Encoding.UTF8.GetString(minified.WrittenSpan), Encoding.UTF8.GetString(compact.WrittenSpan[..first]));
        Assert.Equal(Encoding.UTF8.GetString(minified.WrittenSpan), Encoding.UTF8.GetString(compact.WrittenSpan[first..]));
    }

    [Fact]
    public async Task A_status_that_fails_half_way_leaves_nothing_in_the_next_compact_document()
    {
        var status = await DetectAsync(SysrootFixtures.OneEnabledPatch);
        var verdict = Facade(SysrootFixtures.OneEnabledPatch).VerifyNow(status).Verdict;
        var expected = new ArrayBufferWriter<byte>();
        StatusJson.SerializeCompact(status, verdict, expected);

        // A document parsed without a value the schema requires (the fleet reader reports such a file unreadable).
        Assert.Throws<NullReferenceException>(() => StatusJson.SerializeCompact(status with { Coverage = null! }, verdict, new ArrayBufferWriter<byte>()));
        var after = new ArrayBufferWriter<byte>();
        StatusJson.SerializeCompact(status, verdict, after);

        Assert.Equal(expected.WrittenSpan.ToArray(), after.WrittenSpan.ToArray());
    }

    [Fact]
    public async Task One_enabled_patch_on_rhel()
    {
        var status = await DetectAsync(SysrootFixtures.OneEnabledPatch);

        Assert.Equal("5.14.0-284.11.1.el9_2.x86_64", status.Kernel.Running.Value);
        Assert.True(status.Livepatch.Support.Value!.Supported);
        Assert.True(status.Livepatch.TaintLivepatch.Value);
        var patch = Assert.Single(status.Livepatch.Patches.Value!);
        Assert.Equal(("kpatch_5_14_0_284_11_1_1_1", "enabled", true, false), (patch.Name, patch.State, patch.Enabled.Value, patch.Transition.Value));
        Assert.Null(patch.Replace); // RHEL 9.2's 5.14 kernel has no replace, stack_order or patched files
        Assert.Null(patch.StackOrder);
        Assert.Equal(["vmlinux", "xfs"], patch.Objects.Value!.Select(o => o.Name));
        Assert.All(patch.Objects.Value!, o => Assert.Null(o.Patched));
        Assert.Equal(["cmdline_proc_show", "tcp_set_ulp"], patch.Objects.Value![0].Functions.Select(f => f.Name));
        var module = Assert.Single(status.Kpatch.Modules.Value!);
        Assert.True(module.ForRunningKernel);
        Assert.True(module.Loaded);
        Assert.False(status.Kpatch.Cli.Value!.Installed);
        Assert.Empty(status.Livepatch.InactiveModules.Value!);
        Assert.Contains("no rpm database", status.Packages.UnknownReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_stacked_patches_report_their_stack_order_and_unpatched_objects()
    {
        var status = await DetectAsync(SysrootFixtures.TwoStackedPatches);

        var patches = status.Livepatch.Patches.Value!;
        Assert.Equal(["livepatch_cmdline", "livepatch_meminfo"], patches.Select(p => p.Name));
        Assert.Equal([1, 2], patches.Select(p => p.StackOrder!.Value));
        Assert.All(patches, p => Assert.False(p.Replace!.Value));
        var nfsd = patches[1].Objects.Value!.Single(o => o.Name == "nfsd");
        Assert.False(nfsd.Patched!.Value); // nfsd is not loaded
        Assert.Equal(45056, status.Livepatch.Tainted.Value);
        Assert.Equal("x86_64", status.Host.Architecture.Value);
    }

    [Fact]
    public async Task A_cumulative_replace_patch_leaves_the_replaced_modules_loaded_but_inactive()
    {
        var status = await DetectAsync(SysrootFixtures.ReplaceSuperseded);

        var patch = Assert.Single(status.Livepatch.Patches.Value!);
        Assert.Equal(("livepatch_cumulative", true), (patch.Name, patch.Replace!.Value));
        Assert.Equal(["livepatch_meminfo", "livepatch_cmdline"], status.Livepatch.InactiveModules.Value!.Select(m => m.Name));
        Assert.All(status.Livepatch.InactiveModules.Value!, m => Assert.Equal(0, m.ReferenceCount.Value));
    }

    [Fact]
    public async Task A_patch_in_transition_names_the_tasks_it_waits_for()
    {
        var status = await DetectAsync(SysrootFixtures.PatchInTransition);

        var patch = Assert.Single(status.Livepatch.Patches.Value!);
        Assert.Equal("enabling", patch.State);
        Assert.Equal(
            [("livepatch_sleep", 733, 741, "postgres", 0), ("livepatch_sleep", 1234, 1234, "klp_sleeper", 0)],
            status.Livepatch.TransitionTasks.Value!.Select(t => (t.Patch, t.Pid, t.Tid, t.Command.Value!, t.PatchState)));
    }

    [Fact]
    public async Task A_disabled_patch_is_gone_from_sysfs_but_its_module_stays_and_the_taint_sticks()
    {
        var status = await DetectAsync(SysrootFixtures.DisabledModuleLoaded);

        Assert.True(status.Livepatch.Support.Value!.Supported);
        Assert.Empty(status.Livepatch.Patches.Value!);
        Assert.Equal("livepatch_cmdline", Assert.Single(status.Livepatch.InactiveModules.Value!).Name);
        Assert.True(status.Livepatch.TaintLivepatch.Value);
        // Kernels from /boot: a newer one is installed and no patch is live, so reboot.
        Assert.Equal(["6.1.0-41-amd64", "6.1.0-42-amd64"], status.Kernel.Installed.Value!.Select(k => k.Release));
        Assert.All(status.Kernel.Installed.Value!, k => Assert.Equal("boot", k.Source));
        Assert.Equal(RebootNeed.Yes, status.Kernel.Reboot.Value!.Advice);
    }

    [Fact]
    public async Task A_rhel_host_with_kpatch_and_kpatch_dnf_shows_tooling_packages_and_cves()
    {
        var status = await DetectAsync(SysrootFixtures.Rhel9KpatchDnf);

        Assert.Equal(("rhel", "9.4"), (status.Host.Os.Value!.Id, status.Host.Os.Value.VersionId));
        Assert.Equal("x86_64", status.Host.Architecture.Value); // from the release: RHEL 5.14 has no /proc/sys/kernel/arch
        var cli = status.Kpatch.Cli.Value!;
        Assert.Equal((true, "/usr/sbin/kpatch", "0.9.10"), (cli.Installed, cli.Path, cli.Version.Value));
        Assert.Equal(("enabled", "unit-files"), (status.Kpatch.Service.Value!.State, status.Kpatch.Service.Value.Source));
        Assert.True(status.Kpatch.Dnf.Value!.Installed);
        Assert.True(status.Kpatch.Dnf.Value.AutoUpdate.Value);
        Assert.Equal(4, status.Kpatch.Modules.Value!.Count);
        Assert.Equal(2, status.Kpatch.Modules.Value!.Count(m => m.ForRunningKernel && m.Loaded == true));

        // Kernels from the rpm database, not /boot.
        Assert.Equal(
            ["5.14.0-362.8.1.el9_3.x86_64", "5.14.0-427.13.1.el9_4.x86_64", "5.14.0-503.11.1.el9_5.x86_64"],
            status.Kernel.Installed.Value!.Select(k => k.Release));
        Assert.All(status.Kernel.Installed.Value!, k => Assert.Equal(("rpm", "kernel-core"), (k.Source, k.Package)));
        Assert.Equal("5.14.0-503.11.1.el9_5.x86_64", status.Kernel.Newest.Value);
        Assert.Equal(RebootNeed.YesButLivePatched, status.Kernel.Reboot.Value!.Advice);

        var packages = status.Packages.Value!;
        Assert.Equal(["kpatch-patch-5_14_0-362_8_1", "kpatch-patch-5_14_0-427_13_1"], packages.Select(p => p.Name));
        Assert.Equal(["CVE-2023-4622", "CVE-2023-4623", "CVE-2023-42753"], packages[0].Cves);
        Assert.Equal(["CVE-2023-6817", "CVE-2024-1086", "CVE-2024-26581"], packages[1].Cves);
        Assert.Equal(("1", "2.el9_4", "5.14.0-427.13.1.el9_4.x86_64", true), (packages[1].Version, packages[1].Release, packages[1].KernelRelease.Value, packages[1].ForRunningKernel));
        Assert.False(packages[0].ForRunningKernel);
    }
}
