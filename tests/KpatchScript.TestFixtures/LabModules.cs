namespace KpatchScript.TestFixtures;

/// <summary>
/// The livepatch lab's kernel modules (tests/lab/modules), by file stem: the guest holds each as
/// /lab/&lt;stem&gt;.ko. A module's name (and its /sys/kernel/livepatch directory) is the stem with
/// '-' turned into '_', as kbuild names it.
/// </summary>
public static class LabModules
{
    /// <summary>Livepatch of cmdline_proc_show: /proc/cmdline prints <see cref="CmdlineMarker"/>.</summary>
    public const string Cmdline = "lab_cmdline";

    /// <summary>lab_cmdline.c again as a cumulative atomic-replace patch (module kpatch_lab_v2).</summary>
    public const string Replace = "kpatch-lab-v2";

    /// <summary>lab_cmdline.c again as an ordinary patch of the same function, to stack (module kpatch_lab_second).</summary>
    public const string Second = "kpatch-lab-second";

    /// <summary>A kthread sleeping in lab_stall_wait() until /sys/module/lab_stall_target/parameters/release is 1.</summary>
    public const string StallTarget = "lab_stall_target";

    /// <summary>Livepatch of lab_stall_wait(): its transition stalls while the kthread sleeps there.</summary>
    public const string StallPatch = "lab_stall_patch";

    /// <summary>
    /// A copy of lab_cmdline.ko whose vermagic names <see cref="KernelLabBuild.OtherKernelRelease"/>
    /// (module name still lab_cmdline): a patch built for another kernel, which insmod refuses.
    /// </summary>
    public const string OtherKernel = "lab-other-kernel";

    public const string CmdlineMarker = "kpatchscript-lab: cmdline livepatched";

    public const string ReplaceMarker = "kpatchscript-lab: v2 (replace)";

    public const string SecondMarker = "kpatchscript-lab: second patch";

    /// <summary>The module name kbuild gives a file stem (also the livepatch sysfs directory).</summary>
    public static string ModuleName(string stem) => stem.Replace('-', '_');
}
