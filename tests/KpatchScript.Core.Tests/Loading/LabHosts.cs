using KpatchScript.Host;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Core.Tests.Loading;

/// <summary>
/// Fake hosts for load and unload: a kernel with livepatch and no patch, a patch module file,
/// and an insmod that registers the patch in sysfs the way the kernel does (enabled=1,
/// transition=1 until the test's clock says the transition is over).
/// </summary>
internal static class LabHosts
{
    public const string Release = "6.1.0-56-amd64";
    public const string ModulePath = "/lab/kpatch-lab.ko";
    public const string Patch = "kpatch_lab";
    public const string PatchDir = "/sys/kernel/livepatch/" + Patch;

    public static string ModuleFile(string release = Release, bool livepatch = true) =>
        "\x7f" + "ELF binary bytes\0license=GPL\0" + (livepatch ? "livepatch=Y\0" : "") + $"name={Patch}\0vermagic={release} SMP preempt mod_unload modversions \0";

    public static FakeHostSystem Kernel()
    {
        var host = new FakeHostSystem("fake")
            .WithFile("/proc/sys/kernel/osrelease", Release + "\n")
            .WithFile("/proc/sys/kernel/tainted", "0\n")
            .WithFile("/proc/modules", "")
            .WithDirectory("/sys/kernel/livepatch")
            .WithFile("/proc/1/task/1/patch_state", "-1\n")
            .WithFile("/proc/1/task/1/comm", "init\n")
            .WithFile(ModulePath, ModuleFile());
        return host;
    }

    /// <summary>insmod registers the patch, in transition; rmmod removes the module.</summary>
    public static FakeHostSystem WithModuleCommands(this FakeHostSystem host)
    {
        host.WithCommand("insmod", spec =>
        {
            host.WithFile($"{PatchDir}/enabled", "1\n").WithFile($"{PatchDir}/transition", "1\n").WithDirectory($"/sys/module/{Patch}");
            return new CommandResult(0, "", "");
        });
        host.WithCommand("rmmod", spec =>
        {
            host.Without($"/sys/module/{Patch}");
            return new CommandResult(0, "", "");
        });
        return host;
    }

    /// <summary>The patch is loaded, enabled and settled.</summary>
    public static FakeHostSystem WithLoadedPatch(this FakeHostSystem host) =>
        host.WithFile($"{PatchDir}/enabled", "1\n").WithFile($"{PatchDir}/transition", "0\n").WithDirectory($"/sys/module/{Patch}");

    /// <summary>A task the transition waits for (its patch_state is still the old state).</summary>
    public static FakeHostSystem WithStalledTask(this FakeHostSystem host, int oldState = 0) =>
        host.WithFile("/proc/77/task/77/patch_state", $"{oldState}\n")
            .WithFile("/proc/77/task/77/comm", "lab_stall\n")
            .WithFile("/proc/77/task/77/stack", "[<0>] lab_stall_wait+0x2a/0x40 [lab_stall_target]\n[<0>] kthread+0xe8/0x110\n");

    /// <summary>Ends the transition once the simulated clock has passed <paramref name="after"/>.</summary>
    public static SteppingTimeProvider TransitionEndsAfter(FakeHostSystem host, TimeSpan after, Action<FakeHostSystem> end)
    {
        var done = false;
        return new SteppingTimeProvider
        {
            OnAdvance = elapsed =>
            {
                if (!done && elapsed >= after)
                {
                    done = true;
                    end(host);
                }
            },
        };
    }
}
