using KpatchScript.Host;
using KpatchScript.Serialization;
using KpatchScript.Status;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;
using static KpatchScript.Core.Tests.Detection.FakeHosts;

namespace KpatchScript.Core.Tests.Detection;

/// <summary>
/// Every malformed, missing or unreadable input yields an unknown value with a reason that names
/// what is wrong, never an exception and never a guess. Each case breaks one thing on an
/// otherwise healthy host.
/// </summary>
public sealed class MalformedInputTests
{
    private sealed record Case(Action<FakeHostSystem> Break, Func<HostStatus, Reading<object?>?> Select, string ReasonContains);

    private static Reading<object?> Of<T>(Reading<T>? reading) =>
        reading is null ? Reading.Unknown<object?>("(absent: expected a reading)") : reading.IsKnown ? Reading.Known<object?>(reading.Value) : Reading.Unknown<object?>(reading.UnknownReason!);

    private static LivepatchPatch OnlyPatch(HostStatus s) => s.Livepatch.Patches.Value!.Single();

    private static readonly UnauthorizedAccessException Denied = new("Access to the path is denied.");

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // Kernel release
        ["osrelease empty"] = new(h => h.WithFile("/proc/sys/kernel/osrelease", ""), s => Of(s.Kernel.Running), "/proc/sys/kernel/osrelease is empty"),
        ["osrelease only whitespace"] = new(h => h.WithFile("/proc/sys/kernel/osrelease", " \n\t\n"), s => Of(s.Kernel.Running), "is empty"),
        ["osrelease missing"] = new(h => h.Without("/proc/sys/kernel/osrelease"), s => Of(s.Kernel.Running), "/proc/sys/kernel/osrelease does not exist"),
        ["osrelease unreadable"] = new(h => h.WithFailure("/proc/sys/kernel/osrelease", Denied), s => Of(s.Kernel.Running), "permission denied reading /proc/sys/kernel/osrelease"),
        ["osrelease two lines"] = new(h => h.WithFile("/proc/sys/kernel/osrelease", "5.14.0\ngarbage\n"), s => Of(s.Kernel.Running), "holds several lines"),
        ["osrelease is a directory"] = new(h => h.Without("/proc/sys/kernel/osrelease").WithDirectory("/proc/sys/kernel/osrelease"), s => Of(s.Kernel.Running), "is a directory, expected a file"),
        ["osrelease I/O error"] = new(h => h.WithFailure("/proc/sys/kernel/osrelease", new IOException("Input/output error")), s => Of(s.Kernel.Running), "cannot read /proc/sys/kernel/osrelease: Input/output error"),
        ["running kernel unknown makes reboot advice unknown"] = new(h => h.Without("/proc/sys/kernel/osrelease"), s => Of(s.Kernel.Reboot), "the running kernel is unknown"),

        // Support window
        ["proc version without a date"] = new(h => h.WithFile("/proc/version", "Linux version 6.18.44 (builder@sandboxing) #1 SMP PREEMPT_DYNAMIC @0\n"), s => Of(s.Kernel.SupportWindow), "/proc/version ends with '...4 (builder@sandboxing) #1 SMP PREEMPT_DYNAMIC @0', not a build date"),
        ["proc version with an impossible date"] = new(h => h.WithFile("/proc/version", "Linux version x #1 SMP Wed Foo 31 10:45:03 EDT 2023\n"), s => Of(s.Kernel.SupportWindow), "ends with '...ux version x #1 SMP Wed Foo 31 10:45:03 EDT 2023', not a build date"),
        ["proc version missing"] = new(h => h.Without("/proc/version"), s => Of(s.Kernel.SupportWindow), "/proc/version does not exist"),

        // Host
        ["hostname empty and no /etc/hostname"] = new(h => h.WithFile("/proc/sys/kernel/hostname", "\n"), s => Of(s.Host.Hostname), "/proc/sys/kernel/hostname is empty; /etc/hostname does not exist"),
        ["os-release empty"] = new(h => h.WithFile("/etc/os-release", ""), s => Of(s.Host.Os), "/etc/os-release is empty"),
        ["os-release binary garbage"] = new(h => h.WithFile("/etc/os-release", "\u007fELF\u0002\u0001\u0001\0\0\0"), s => Of(s.Host.Os), "/etc/os-release has no KEY=value lines"),
        ["os-release only unterminated quotes"] = new(h => h.WithFile("/etc/os-release", "ID=\"rhel\nNAME='Red Hat\n"), s => Of(s.Host.Os), "has no KEY=value lines"),
        ["os-release unreadable"] = new(h => h.WithFailure("/etc/os-release", Denied), s => Of(s.Host.Os), "permission denied reading /etc/os-release"),
        ["os-release missing everywhere"] = new(h => h.Without("/etc/os-release"), s => Of(s.Host.Os), "/etc/os-release does not exist"),
        ["architecture nowhere to be found"] = new(h => h.WithFile("/proc/sys/kernel/osrelease", "5.14.0-custom\n"), s => Of(s.Host.Architecture), "the kernel release names no architecture"),

        // Taint
        ["tainted not a number"] = new(h => h.WithFile("/proc/sys/kernel/tainted", "K\n"), s => Of(s.Livepatch.Tainted), "holds 'K', expected an integer"),
        ["tainted empty"] = new(h => h.WithFile("/proc/sys/kernel/tainted", ""), s => Of(s.Livepatch.Tainted), "/proc/sys/kernel/tainted is empty"),
        ["tainted negative"] = new(h => h.WithFile("/proc/sys/kernel/tainted", "-5\n"), s => Of(s.Livepatch.Tainted), "holds a negative value"),
        ["tainted overflows"] = new(h => h.WithFile("/proc/sys/kernel/tainted", "99999999999999999999999\n"), s => Of(s.Livepatch.Tainted), "expected an integer"),
        ["tainted missing makes the K bit unknown"] = new(h => h.Without("/proc/sys/kernel/tainted"), s => Of(s.Livepatch.TaintLivepatch), "/proc/sys/kernel/tainted does not exist"),
        ["tainted hexadecimal"] = new(h => h.WithFile("/proc/sys/kernel/tainted", "0x8000\n"), s => Of(s.Livepatch.TaintLivepatch), "holds '0x8000', expected an integer"),

        // Livepatch support and patches
        ["livepatch is a file"] = new(h => h.Without("/sys/kernel/livepatch").WithFile("/sys/kernel/livepatch", "x"), s => Of(s.Livepatch.Support), "/sys/kernel/livepatch is not a directory"),
        ["sysfs not captured"] = new(h => h.Without("/sys"), s => Of(s.Livepatch.Support), "/sys/kernel is missing: sysfs is not mounted or was not captured"),
        ["livepatch directory unlistable"] = new(h => h.WithFailure("/sys/kernel/livepatch", Denied), s => Of(s.Livepatch.Support), "is not a directory or cannot be examined"),
        ["enabled is 2"] = new(h => h.WithFile($"{PatchDir}/enabled", "2\n"), s => Of(OnlyPatch(s).Enabled), "holds '2', expected 0 or 1"),
        ["enabled is a word"] = new(h => h.WithFile($"{PatchDir}/enabled", "yes\n"), s => Of(OnlyPatch(s).Enabled), "holds 'yes', expected 0 or 1"),
        ["enabled empty"] = new(h => h.WithFile($"{PatchDir}/enabled", ""), s => Of(OnlyPatch(s).Enabled), $"{PatchDir}/enabled is empty"),
        ["enabled missing"] = new(h => h.Without($"{PatchDir}/enabled"), s => Of(OnlyPatch(s).Enabled), $"{PatchDir}/enabled does not exist"),
        ["enabled unreadable"] = new(h => h.WithFailure($"{PatchDir}/enabled", Denied), s => Of(OnlyPatch(s).Enabled), "permission denied"),
        ["transition garbage"] = new(h => h.WithFile($"{PatchDir}/transition", "\u0000\u0001"), s => Of(OnlyPatch(s).Transition), "expected 0 or 1"),
        ["replace garbage"] = new(h => h.WithFile($"{PatchDir}/replace", "true\n"), s => Of(OnlyPatch(s).Replace), "holds 'true', expected 0 or 1"),
        ["stack_order a word"] = new(h => h.WithFile($"{PatchDir}/stack_order", "first\n"), s => Of(OnlyPatch(s).StackOrder), "holds 'first', expected an integer"),
        ["stack_order fractional"] = new(h => h.WithFile($"{PatchDir}/stack_order", "1.5\n"), s => Of(OnlyPatch(s).StackOrder), "expected an integer"),
        ["object patched garbage"] = new(h => h.WithFile($"{PatchDir}/vmlinux/patched", "maybe\n"), s => Of(OnlyPatch(s).Objects.Value!.Single().Patched), "expected 0 or 1"),
        ["function without sympos"] = new(h => h.Without($"{PatchDir}/vmlinux/cmdline_proc_show,1").WithDirectory($"{PatchDir}/vmlinux/cmdline_proc_show"), s => Of(OnlyPatch(s).Objects.Value!.Single().Functions.Single().Sympos), "has no ',sympos' suffix"),
        ["function with a word for sympos"] = new(h => h.Without($"{PatchDir}/vmlinux/cmdline_proc_show,1").WithDirectory($"{PatchDir}/vmlinux/cmdline_proc_show,abc"), s => Of(OnlyPatch(s).Objects.Value!.Single().Functions.Single().Sympos), "holds 'abc', expected an integer"),
        ["function with a negative sympos"] = new(h => h.Without($"{PatchDir}/vmlinux/cmdline_proc_show,1").WithDirectory($"{PatchDir}/vmlinux/cmdline_proc_show,-1"), s => Of(OnlyPatch(s).Objects.Value!.Single().Functions.Single().Sympos), "out of range"),
        ["patch directory unlistable"] = new(h => h.WithFailure($"{PatchDir}/vmlinux", Denied).Without($"{PatchDir}/vmlinux/patched"), s => Of(OnlyPatch(s).Objects), "permission denied"),

        // /proc/modules and transitions
        ["proc modules missing"] = new(h => h.Without("/proc/modules"), s => Of(s.Livepatch.InactiveModules), "/proc/modules does not exist"),
        ["proc modules truncated line"] = new(h => h.WithFile("/proc/modules", "kpatch_x 262144\n"), s => Of(s.Livepatch.InactiveModules), "line 1 has 2 fields"),
        ["proc modules bad refcount"] = new(h => h.WithFile("/proc/modules", "livepatch_old 16384 x - Live 0xffffffffc0a00000 (OEK)\n"), s => Of(s.Livepatch.InactiveModules.Value!.Single().ReferenceCount), "gives 'x' as the reference count of livepatch_old"),
        ["patch_state garbage during a transition"] = new(h => h.InTransition().WithFile("/proc/42/task/43/patch_state", "zero\n"), s => Of(s.Livepatch.TransitionTasks), "holds 'zero', expected an integer"),
        ["patch_state unreadable during a transition"] = new(h => h.InTransition().WithFailure("/proc/42/task/43/patch_state", Denied), s => Of(s.Livepatch.TransitionTasks), "permission denied reading /proc/42/task/43/patch_state (run as root)"),
        ["transition with unknown target state"] = new(h => h.InTransition().WithFile($"{PatchDir}/enabled", "7\n"), s => Of(s.Livepatch.TransitionTasks), $"the target state of {Patch} is unknown"),
        ["blocked task comm unreadable"] = new(h => h.InTransition().WithFailure("/proc/42/task/43/comm", Denied), s => Of(s.Livepatch.TransitionTasks.Value!.Single().Command), "permission denied"),

        // kpatch tooling
        ["kpatch version fails and script has no VERSION"] = new(h => h.WithFile("/usr/sbin/kpatch", "#!/bin/bash\necho hi\n").WithCommand("/usr/sbin/kpatch", 1, "", "kpatch: broken\n"), s => Of(s.Kpatch.Cli.Value!.Version), "'/usr/sbin/kpatch version' failed: kpatch: broken"),
        ["kpatch.conf autoupdate not a boolean"] = new(h => h.WithFile("/etc/dnf/plugins/kpatch.conf", "[main]\nautoupdate = maybe\n"), s => Of(s.Kpatch.Dnf.Value!.AutoUpdate), "sets autoupdate to 'maybe', expected True or False"),
        ["kpatch.conf without autoupdate"] = new(h => h.WithFile("/etc/dnf/plugins/kpatch.conf", "[main]\nautofilter = False\n"), s => Of(s.Kpatch.Dnf.Value!.AutoUpdate), "has no autoupdate setting in [main]"),
        ["kpatch.conf autoupdate in the wrong section"] = new(h => h.WithFile("/etc/dnf/plugins/kpatch.conf", "[other]\nautoupdate = True\n"), s => Of(s.Kpatch.Dnf.Value!.AutoUpdate), "has no autoupdate setting in [main]"),
        ["kpatch.conf unreadable"] = new(h => h.WithFailure("/etc/dnf/plugins/kpatch.conf", Denied), s => Of(s.Kpatch.Dnf.Value!.AutoUpdate), "permission denied reading /etc/dnf/plugins/kpatch.conf"),
        ["module directory unlistable"] = new(h => h.WithFailure($"/var/lib/kpatch/{Release}", Denied), s => Of(s.Kpatch.Modules), "permission denied"),

        // Coverage
        ["coverage unknown when packages are"] = new(h => BreakRpm(h, packages: new(1, "", "error: db5 error(-30969)\n")), s => Of(s.Coverage.FixedLiveNow), "rpm failed: error: db5 error(-30969)"),
        ["coverage unknown when patches are"] = new(h => h.WithFailure("/sys/kernel/livepatch", Denied), s => Of(s.Coverage.InstalledNotLive), "/sys/kernel/livepatch is not a directory or cannot be examined"),
        ["updates not asked of dnf by default"] = new(_ => { }, s => Of(s.Coverage.Updates), "not checked: 'kpatch-script status --check-updates'"),

        // rpm
        ["rpm kernel output with a short line"] = new(h => BreakRpm(h, kernels: new(0, "kernel-core\n", "")), s => Of(s.Kernel.Installed), "unexpected rpm output for kernel-uname-r: 'kernel-core'"),
        ["rpm kernel release with spaces"] = new(h => BreakRpm(h, kernels: new(0, "kernel-core\tkernel-uname-r\t5.14 garbage\n", "")), s => Of(s.Kernel.Installed), "rpm gives '5.14 garbage' as a kernel-uname-r of kernel-core"),
        ["rpm kernel query fails"] = new(h => BreakRpm(h, kernels: new(1, "", "error: rpmdb: BDB0113 Thread/process 1234 failed\n")), s => Of(s.Kernel.Installed), "rpm failed: error: rpmdb: BDB0113"),
        ["rpm kernels unknown makes newest unknown"] = new(h => BreakRpm(h, kernels: new(1, "", "error: cannot open Packages database\n")), s => Of(s.Kernel.Newest), "cannot open Packages database"),
        ["rpm package output without marker"] = new(h => BreakRpm(h, packages: new(0, "kpatch-patch-5_14_0-284_11_1 1 1.el9_2\n", "")), s => Of(s.Packages), "unexpected rpm output for kpatch-patch packages"),
        ["rpm package header with too few fields"] = new(h => BreakRpm(h, packages: new(0, "@@kpatch-script-package@@\tkpatch-patch-x\t1\n", "")), s => Of(s.Packages), "unexpected rpm output for kpatch-patch packages"),
        ["rpm package with an empty version"] = new(h => BreakRpm(h, packages: new(0, "@@kpatch-script-package@@\tkpatch-patch-x\t0\t\t1\tx86_64\t\n", "")), s => Of(s.Packages), "unexpected rpm output"),
        ["rpm package without kernel provide"] = new(h => BreakRpm(h, packages: new(0, "@@kpatch-script-package@@\tkpatch-patch-x\t0\t1\t1.el9\tx86_64\tkpatch-patch-x=1-1.el9;\n", "")), s => Of(s.Packages.Value!.Single().KernelRelease), "kpatch-patch-x has no 'kpatch-patch = <kernel release>' provide"),
        ["rpm package query fails"] = new(h => BreakRpm(h, packages: new(1, "", "error: db5 error(-30969)\n")), s => Of(s.Packages), "rpm failed: error: db5 error(-30969)"),
        ["rpm not installed"] = new(h => h.WithCommand("rpm", _ => throw new CommandUnavailableException("rpm is not installed or cannot be started")), s => Of(s.Packages), "rpm is not installed"),
        ["boot unlistable and rpm knows no kernel"] = new(h => BreakRpm(h, kernels: new(1, "no package provides kernel-uname-r\n", "")).WithFailure("/boot", Denied), s => Of(s.Kernel.Installed), "permission denied reading /boot"),
    };

    private static FakeHostSystem BreakRpm(FakeHostSystem host, CommandResult? kernels = null, CommandResult? packages = null)
    {
        // Without /boot the kernel list cannot fall back from rpm, so rpm's failure shows.
        host.Without("/boot");
        return host.WithCommand("rpm", spec => spec.Arguments.Contains("kernel-uname-r") ? kernels : packages);
    }

    public static TheoryData<string> Names() => new(Cases.Keys);

    [Fact]
    public void Covers_at_least_forty_malformed_inputs() => Assert.True(Cases.Count >= 40, $"{Cases.Count} cases");

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Reports_unknown_with_a_reason_and_never_throws(string name)
    {
        // Given a healthy host with one thing broken
        var host = Healthy();
        Cases[name].Break(host);

        // When
        var facade = new KpatchFacade(host, FixedTimeProvider.Default);
        var status = await facade.DetectAsync();

        // Then
        var reading = Cases[name].Select(status);
        Assert.NotNull(reading);
        Assert.False(reading.IsKnown, $"expected unknown, got '{reading.Value}'");
        Assert.Contains(Cases[name].ReasonContains, reading.UnknownReason, StringComparison.Ordinal);
        // The status document, its verdict judged over the broken value too, follows the schema; the status part is what System.Text.Json writes.
        Assert.Empty(JsonSchemaFile.Status.Errors(StatusJson.Serialize(status, facade.VerifyNow(status).Verdict)));
        Assert.Equal(StatusJson.SerializeWithContext(status), StatusJson.Serialize(status));
    }

    [Fact]
    public async Task Reads_every_value_of_the_healthy_host()
    {
        var facade = new KpatchFacade(Healthy(), FixedTimeProvider.Default);
        var status = await facade.DetectAsync();

        // Everything is read; only the updates and the kernel's eligibility are not asked of dnf without
        // --check-updates, and the exposure is not configured.
        Assert.Equal(KernelStatus.EligibilityNotChecked, status.Kernel.Eligibility.UnknownReason);
        Assert.Equal(CveExposure.NotConfigured, status.Exposure.UnknownReason);
        status = status with
        {
            Coverage = status.Coverage with { Updates = Reading.Known<IReadOnlyList<KpatchScript.Operations.AvailablePatch>>([]) },
            Kernel = status.Kernel with { Eligibility = Reading.Known(new KernelEligibility(status.Kernel.Running.Value!, true, ["kpatch-patch-x-0-0.el9.x86_64"], "2024-01-01", null, null)) },
            Exposure = Reading.Known(new CveExposure("/srv/vex", 0, new ExposureCounts(0, 0, 0, 0, 0), [], [])),
        };
        var json = StatusJson.Serialize(status, facade.VerifyNow(status).Verdict);
        Assert.DoesNotContain("\"unknown\"", json, StringComparison.Ordinal);
        Assert.Empty(JsonSchemaFile.Status.Errors(json));
        Assert.Equal(["CVE-2023-0001", "CVE-2023-0002", "CVE-2023-0003"], status.Coverage.FixedLiveNow.Value);
    }
}
