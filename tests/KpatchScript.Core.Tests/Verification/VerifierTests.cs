using KpatchScript.Core.Tests.Detection;
using KpatchScript.Status;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;
using KpatchScript.Verification;

namespace KpatchScript.Core.Tests.Verification;

public sealed class VerifierTests
{
    private static VerificationReport Verify(string fixture) =>
        new KpatchFacade(new SysrootHostSystem(SysrootFixtures.Get(fixture)), FixedTimeProvider.Default).Verify();

    private static CheckResult ResultOf(VerificationReport report, string check) => report.Checks.Single(c => c.Name == check).Result;

    [Theory]
    [InlineData(SysrootFixtures.OneEnabledPatch, CheckResult.Pass)]
    // The lab's modules and these hand-captured Debian ones are unsigned: the kernel tainted them E, and module-signature warns.
    [InlineData(SysrootFixtures.TwoStackedPatches, CheckResult.Warn)]
    [InlineData(SysrootFixtures.ReplaceSuperseded, CheckResult.Warn)]
    [InlineData(SysrootFixtures.PatchInTransition, CheckResult.Fail)]
    [InlineData(SysrootFixtures.DisabledModuleLoaded, CheckResult.Warn)]
    [InlineData(SysrootFixtures.Rhel9KpatchDnf, CheckResult.Warn)]
    [InlineData(SysrootFixtures.LabLoaded, CheckResult.Warn)]
    [InlineData(SysrootFixtures.LabStacked, CheckResult.Warn)]
    [InlineData(SysrootFixtures.LabReplaced, CheckResult.Warn)]
    [InlineData(SysrootFixtures.LabStalled, CheckResult.Fail)]
    public void Gives_each_captured_host_its_verdict(string fixture, CheckResult verdict)
    {
        var report = Verify(fixture);

        Assert.Equal(verdict, report.Result);
        Assert.All(report.Checks, c => Assert.False(string.IsNullOrWhiteSpace(c.Detail)));
    }

    [Fact]
    public void A_captured_transition_fails_naming_the_blocked_tasks_and_where_they_sleep()
    {
        var transition = Verify(SysrootFixtures.PatchInTransition).Checks.Single(c => c.Name == "transition");

        Assert.Equal(CheckResult.Fail, transition.Result);
        Assert.Equal(
            "livepatch_sleep in transition when captured; waiting for postgres (pid 733, tid 741) in do_nanosleep+0x6d/0x1a0, klp_sleeper (pid 1234, tid 1234) in do_nanosleep+0x6d/0x1a0",
            transition.Detail);
    }

    [Fact]
    public void A_transition_captured_from_a_real_kernel_names_the_kthread_in_the_patched_function()
    {
        var root = SysrootFixtures.Get(SysrootFixtures.LabStalled);
        var pid = Directory.GetFiles(Path.Combine(root, "proc"), "comm", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f) == "lab_stall\n")
            .Select(f => Path.GetFileName(Path.GetDirectoryName(f)!))
            .Single();

        var transition = Verify(SysrootFixtures.LabStalled).Checks.Single(c => c.Name == "transition");

        Assert.Equal(CheckResult.Fail, transition.Result);
        Assert.StartsWith($"lab_stall_patch in transition when captured; waiting for lab_stall (pid {pid}, tid {pid}) in lab_stall_wait+", transition.Detail, StringComparison.Ordinal);
        Assert.EndsWith(" [lab_stall_target]", transition.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Module_files_are_checked_against_the_running_kernel_and_for_a_signature()
    {
        var report = Verify(SysrootFixtures.Rhel9KpatchDnf);

        var modules = report.Checks.Where(c => c.Name.StartsWith("module-vermagic:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, modules.Count); // /var/lib/kpatch and /usr/lib/kpatch copies for the running kernel
        Assert.All(modules, m => Assert.EndsWith("is built for 5.14.0-427.13.1.el9_4.x86_64, signed", m.Detail, StringComparison.Ordinal));
        Assert.Equal(CheckResult.Warn, ResultOf(report, "reboot"));
    }

    [Fact]
    public void An_unloaded_module_for_an_unpatched_object_is_not_a_failure_but_a_loaded_one_is()
    {
        var root = SysrootFixtures.Get(SysrootFixtures.TwoStackedPatches);
        var host = new OverlayHostSystem(new SysrootHostSystem(root), new Dictionary<string, string>
        {
            ["/proc/modules"] = File.ReadAllText(Path.Combine(root, "proc/modules")) + "nfsd 851968 13 - Live 0xffffffffc0c00000\n",
        });

        var report = new KpatchFacade(host, FixedTimeProvider.Default).Verify();

        Assert.Equal(CheckResult.Pass, ResultOf(Verify(SysrootFixtures.TwoStackedPatches), "objects-patched"));
        Assert.Equal((CheckResult.Fail, "not patched: livepatch_meminfo/nfsd"), (ResultOf(report, "objects-patched"), report.Checks.Single(c => c.Name == "objects-patched").Detail));
    }

    [Fact]
    public void A_module_built_for_another_kernel_fails()
    {
        var host = FakeHosts.Healthy().WithFile(FakeHosts.ModulePath, "\0vermagic=5.14.0-70.13.1.el9_0.x86_64 SMP preempt mod_unload modversions \0");

        var check = new KpatchFacade(host, FixedTimeProvider.Default).Verify().Checks.Single(c => c.Name.StartsWith("module-vermagic:", StringComparison.Ordinal));

        Assert.Equal(CheckResult.Fail, check.Result);
        Assert.EndsWith($"is built for 5.14.0-70.13.1.el9_0.x86_64, not the running {FakeHosts.Release}", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_live_transition_is_watched_up_to_the_threshold_then_fails()
    {
        var host = FakeHosts.Healthy().InTransition();

        var report = new KpatchFacade(host, new SteppingTimeProvider(), new KpatchSettings { TransitionThreshold = TimeSpan.FromMilliseconds(600) }).Verify();

        var transition = report.Checks.Single(c => c.Name == "transition");
        Assert.Equal(CheckResult.Fail, transition.Result);
        Assert.StartsWith($"{FakeHosts.Patch} still in transition after 1 s; waiting for worker (pid 42, tid 43)", transition.Detail, StringComparison.Ordinal);
        Assert.True(host.Commands.Count(c => c.Program == "rpm") >= 4, "the status is read again while waiting");
    }

    [Fact]
    public void The_watch_lasts_the_threshold_and_not_one_poll_longer()
    {
        var host = FakeHosts.Healthy().InTransition();
        var clock = new SteppingTimeProvider();

        new KpatchFacade(host, clock, new KpatchSettings { TransitionThreshold = TimeSpan.FromSeconds(1) }).Verify();

        // Polls every 250 ms: at 0, 250, 500 and 750 ms; at 1 s the threshold is reached and the patch is judged.
        Assert.Equal(TimeSpan.FromSeconds(1), clock.Elapsed);
    }

    [Fact]
    public void Verify_now_judges_a_live_transition_as_it_is_without_waiting()
    {
        var host = FakeHosts.Healthy().InTransition();
        var clock = new SteppingTimeProvider();

        var report = new KpatchFacade(host, clock, new KpatchSettings { TransitionThreshold = TimeSpan.FromSeconds(60) }).VerifyNow();

        var transition = report.Checks.Single(c => c.Name == "transition");
        Assert.Equal(CheckResult.Fail, transition.Result);
        Assert.StartsWith($"{FakeHosts.Patch} in transition at this moment (judged as it is, not watched); waiting for worker (pid 42, tid 43)", transition.Detail, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.Zero, clock.Elapsed); // no timer, no wait
    }

    [Fact]
    public void Installed_but_not_loaded_modules_fail()
    {
        var host = FakeHosts.Healthy().Without(FakeHosts.PatchDir);

        var report = new KpatchFacade(host, FixedTimeProvider.Default).Verify();

        Assert.Equal(CheckResult.Fail, report.Result);
        Assert.StartsWith("installed for the running kernel but not loaded: kpatch_5_14_0_284_11_1_1_1", report.Checks.Single(c => c.Name == "installed-modules-loaded").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_livepatch_support_every_kernel_check_is_skipped_with_the_reason()
    {
        var host = FakeHosts.Healthy().Without("/sys/kernel/livepatch").Without("/var/lib/kpatch").WithDirectory("/sys/kernel");

        var report = new KpatchFacade(host, FixedTimeProvider.Default).Verify();

        Assert.Equal(CheckResult.Skip, ResultOf(report, "patches-enabled"));
        Assert.Contains("/sys/kernel/livepatch does not exist", report.Checks.Single(c => c.Name == "patches-enabled").Detail, StringComparison.Ordinal);
    }
}
