using KpatchScript.Host;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Core.Tests.Detection;

public sealed class CoverageTests
{
    [Fact]
    public async Task Cves_of_the_package_whose_module_is_enabled_are_fixed_live_now()
    {
        var status = await new KpatchFacade(new SysrootHostSystem(SysrootFixtures.Get(SysrootFixtures.Rhel9KpatchDnf)), FixedTimeProvider.Default).DetectAsync();

        Assert.Equal(["CVE-2023-6817", "CVE-2024-1086", "CVE-2024-26581"], status.Coverage.FixedLiveNow.Value);
        Assert.Empty(status.Coverage.InstalledNotLive.Value!); // the 362 package is for another kernel
    }

    [Fact]
    public async Task Cves_of_an_installed_package_whose_module_is_not_loaded_are_not_live()
    {
        var host = FakeHosts.Healthy().Without(FakeHosts.PatchDir);

        var status = await new KpatchFacade(host, FixedTimeProvider.Default).DetectAsync();

        Assert.Empty(status.Coverage.FixedLiveNow.Value!);
        Assert.Equal(["CVE-2023-0001", "CVE-2023-0002", "CVE-2023-0003"], status.Coverage.InstalledNotLive.Value);
    }

    [Fact]
    public async Task Check_updates_asks_dnf_and_names_what_an_update_adds()
    {
        // dnf is faked here (its real behaviour is covered by DnfPackageTests); this checks the wiring into status.
        var host = FakeHosts.Healthy().WithCommand("dnf", spec => spec.Arguments.Contains("--changelogs")
            ? new CommandResult(0, "Changelog for kpatch-patch-5_14_0-284_11_1-2-1.el9_2.x86_64\n* Mon Jan 01 2024 X <x@example.com> [2-1.el9_2]\n- fix {CVE-2024-0009}\n- old {CVE-2023-0001}\n", "")
            : spec.Arguments.Contains($"kpatch-patch = {FakeHosts.Release}")
                ? new CommandResult(0, "kpatch-patch-5_14_0-284_11_1\t0\t2\t1.el9_2\tx86_64\n", "")
                : new CommandResult(0, "", ""));

        var status = await new KpatchFacade(host, FixedTimeProvider.Default).DetectWithUpdatesAsync();

        var update = Assert.Single(status.Coverage.Updates.Value!);
        Assert.Equal(("kpatch-patch-5_14_0-284_11_1", "2", "1-1.el9_2", true), (update.Name, update.Version, update.InstalledVersion, update.ForRunningKernel));
        Assert.Equal(["CVE-2024-0009"], update.NewCves);
    }
}
