using KpatchScript.Host;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Core.Tests.Detection;

/// <summary>
/// A healthy RHEL 9 host in memory: every value readable. Malformed-input tests break one
/// thing at a time and check that only that value turns unknown.
/// </summary>
internal static class FakeHosts
{
    public const string Release = "5.14.0-284.11.1.el9_2.x86_64";
    public const string Newer = "5.14.0-362.8.1.el9_3.x86_64";
    public const string Patch = "kpatch_5_14_0_284_11_1_1_1";
    public const string PatchDir = "/sys/kernel/livepatch/" + Patch;

    /// <summary>The installed file of <see cref="Patch"/> (a placeholder in <see cref="Healthy"/>; <see cref="ModuleFile"/> gives real contents).</summary>
    public const string ModulePath = $"/var/lib/kpatch/{Release}/kpatch-5_14_0-284_11_1-1-1.ko";

    /// <summary>A module file's text as the checks read it: its .modinfo strings built for <see cref="Release"/>, and the signature marker when signed.</summary>
    public static string ModuleFile(string name, bool signed = true) =>
        $"\0name={name}\0vermagic={Release} SMP mod_unload modversions \0" + (signed ? "~Module signature appended~\n" : "");

    public static string KernelRpmOutput =>
        $"kernel-core\tkernel-uname-r\t{Release}\nkernel-core\tkernel\t5.14.0-284.11.1.el9_2\nkernel-core\tkernel-uname-r\t{Newer}\n";

    public static string PackageRpmOutput =>
        "@@kpatch-script-package@@\tkpatch-patch-5_14_0-284_11_1\t0\t1\t1.el9_2\tx86_64\t" +
        $"kpatch-patch-5_14_0-284_11_1=1-1.el9_2;kpatch-patch={Release};\n" +
        "- kernel: fix [123] {CVE-2023-0001}\n- kernel: fix two [124] {CVE-2023-0002, CVE-2023-0003}\n";

    public static FakeHostSystem Healthy()
    {
        var host = new FakeHostSystem("fake")
            .WithFile("/proc/sys/kernel/osrelease", Release + "\n")
            .WithFile("/proc/sys/kernel/hostname", "rhel92\n")
            .WithFile("/proc/version", $"Linux version {Release} (mockbuild@x86-vm-07.build.eng.bos.redhat.com) (gcc (GCC) 11.3.1) #1 SMP PREEMPT_DYNAMIC Wed Apr 12 10:45:03 EDT 2023\n")
            .WithFile("/etc/os-release", "NAME=\"Red Hat Enterprise Linux\"\nID=\"rhel\"\nID_LIKE=\"fedora\"\nVERSION_ID=\"9.2\"\nPRETTY_NAME=\"Red Hat Enterprise Linux 9.2 (Plow)\"\n")
            .WithFile("/proc/sys/kernel/tainted", "32768\n")
            .WithFile("/proc/modules", $"{Patch} 262144 1 - Live 0xffffffffc0a00000 (K)\nxfs 2293760 1 - Live 0xffffffffc0600000\n")
            .WithFile($"{PatchDir}/enabled", "1\n")
            .WithFile($"{PatchDir}/transition", "0\n")
            .WithFile($"{PatchDir}/replace", "1\n")
            .WithFile($"{PatchDir}/stack_order", "1\n")
            .WithFile($"{PatchDir}/vmlinux/patched", "1\n")
            .WithDirectory($"{PatchDir}/vmlinux/cmdline_proc_show,1")
            .WithFile("/proc/1/task/1/patch_state", "-1\n")
            .WithFile("/proc/1/task/1/comm", "systemd\n")
            .WithFile(ModulePath, "placeholder")
            .WithFile("/usr/sbin/kpatch", "#!/bin/bash\nVERSION=\"0.9.10\"\n")
            .WithFile("/etc/dnf/plugins/kpatch.conf", "[main]\nautoupdate = True\n")
            .WithFile("/usr/lib/python3.9/site-packages/dnf-plugins/kpatch.py", "# plugin\n")
            .WithFile("/usr/lib/systemd/system/kpatch.service", "[Unit]\n")
            .WithFile("/etc/systemd/system/multi-user.target.wants/kpatch.service", "[Unit]\n")
            .WithDirectory("/boot");
        host.WithCommand("/usr/sbin/kpatch", 0, "0.9.10\n");
        host.WithCommand("rpm", spec => spec.Arguments.Contains("kernel-uname-r")
            ? new CommandResult(0, KernelRpmOutput, "")
            : new CommandResult(0, PackageRpmOutput, ""));
        return host;
    }

    /// <summary>Makes the patch be in transition towards enabled, with one task left behind.</summary>
    public static FakeHostSystem InTransition(this FakeHostSystem host) =>
        host.WithFile($"{PatchDir}/transition", "1\n")
            .WithFile("/proc/1/task/1/patch_state", "1\n")
            .WithFile("/proc/42/task/43/patch_state", "0\n")
            .WithFile("/proc/42/task/43/comm", "worker\n");
}
