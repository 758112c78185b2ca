using KpatchScript.TestFixtures;
using static KpatchScript.TestFixtures.DnfLab;

namespace KpatchScript.Cockpit.Tests;

/// <summary>The host states the browser tests show, each built from the sysroot fixtures and real dnf.</summary>
internal static class HostStates
{
    public const string CoveredPatch = "kpatch-patch-5_14_0-284_11_1-1-1.el9_2.x86_64";
    public const string Kernel284Core = "kernel-core-5.14.0-284.11.1.el9_2.x86_64";
    public const string Kernel362Core = "kernel-core-5.14.0-362.8.1.el9_3.x86_64";

    // The covered host's repository holds exactly what it has installed: nothing newer to offer.
    private static readonly Lazy<string> InstalledOnlyRepository = new(() => RepositoryOf([Kernel284Core, CoveredPatch]));

    // Live patches for the 362 kernel only (and that kernel): the covered host's 284 kernel is not eligible there.
    private static readonly Lazy<string> OtherKernelRepository = new(() => RepositoryOf([Kernel284Core, Kernel362Core, "kpatch-patch-5_14_0-362_8_1-1-1.el9_3.x86_64"]));

    /// <summary>
    /// rhel92-web01 (fixture one-enabled-patch: kpatch_5_14_0_284_11_1_1_1 enabled) with its
    /// kernel-core and kpatch-patch 1-1 installed by dnf; support set to end in 200 days; the
    /// repository has nothing newer. Expected: covered.
    /// </summary>
    public static HostState Covered() => RhelWeb01("covered", "file://" + InstalledOnlyRepository.Value);

    /// <summary>
    /// The covered host with a mirror of the VEX fixtures (tests/KpatchScript.Core.Tests/Exposure/Vex)
    /// as its vex_directory: the report carries its exposure. Expected: the CLI's counts and CVEs.
    /// </summary>
    public static HostState CoveredWithVexMirror()
    {
        var state = RhelWeb01("covered-vex", "file://" + InstalledOnlyRepository.Value, configure: false);
        var mirror = Directory.CreateDirectory(Path.Combine(state.Work, "vex", "2024")).FullName;
        foreach (var file in Directory.GetFiles(RepositoryPaths.Combine("tests", "KpatchScript.Core.Tests", "Exposure", "Vex"), "*.json"))
        {
            File.Copy(file, Path.Combine(mirror, Path.GetFileName(file)));
        }

        return state.Configure(installRoot: true, supportDaysLeft: 200, extra: new System.Text.Json.Nodes.JsonObject
        {
            ["vex_directory"] = Path.Combine(state.Work, "vex"),
            ["cache_directory"] = Path.Combine(state.Work, "cache"),
        });
    }

    /// <summary>
    /// The covered host whose repository has live patches for another kernel (5.14.0-362.8.1.el9_3,
    /// offered too) and none for its own: its kernel is not eligible (the update check asks).
    /// Expected: not covered once updates are checked, the remedy naming the 362 kernel.
    /// </summary>
    public static HostState NotEligible()
    {
        var state = RhelWeb01("not-eligible", "file://" + InstalledOnlyRepository.Value, configure: false);
        // Installed from its own repository, then served by one without a kpatch-patch for its kernel.
        var repo = Path.Combine(state.Root, "etc/yum.repos.d/kpatch-test.repo");
        File.WriteAllText(repo, File.ReadAllText(repo).Replace("file://" + InstalledOnlyRepository.Value, "file://" + OtherKernelRepository.Value, StringComparison.Ordinal));
        return state.Configure(installRoot: true, supportDaysLeft: 200);
    }

    /// <summary>The same host with the lab's full repository: kpatch-patch 1-2 and 1-3 for its kernel are newer. Expected: action needed.</summary>
    public static HostState UpdateAvailable()
    {
        var state = RhelWeb01("update-available", null, configure: false);
        // kpatch-dnf as rhel9-kpatch-dnf has it (plugin and configuration, automatic updates off): the panel offers to turn them on.
        var fixture = SysrootFixtures.SourceOf(SysrootFixtures.Rhel9KpatchDnf);
        foreach (var file in new[] { "usr/lib/python3.9/site-packages/dnf-plugins/kpatch.py", "etc/dnf/plugins/kpatch.conf" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(state.Root, file))!);
            File.Copy(Path.Combine(fixture, file), Path.Combine(state.Root, file));
        }

        File.WriteAllText(Path.Combine(state.Root, "etc/dnf/plugins/kpatch.conf"), "[main]\nautoupdate = False\nautofilter = False\n");
        return state.Configure(installRoot: true, supportDaysLeft: 200);
    }

    /// <summary>lab-stalled, captured from a real kernel: lab_stall_patch in transition, waiting for the lab_stall kthread. Expected: not covered.</summary>
    public static HostState Stalled()
    {
        var state = HostState.Begin("stalled");
        SysrootFixtures.Materialize(SysrootFixtures.LabStalled, state.Root);
        return state.Configure(installRoot: false);
    }

    /// <summary>
    /// rhel93-app07: a RHEL 9.3 host running 5.14.0-362.8.1.el9_3 with livepatch support and no
    /// live patch yet; kernel-core installed by dnf; the lab's repository offers kpatch-patch for it.
    /// The panel's "Install live patch" then runs the real dnf against this tree.
    /// </summary>
    public static HostState ReadyToInstall() => ReadyToInstall("install", Kernel362, Kernel362Core);

    /// <summary>
    /// The same host running 5.14.0-888.1.1.el9_8, whose kpatch-patch takes 4 s to install (its %pre
    /// sleeps): time for the panel's Cancel to arrive while dnf runs. The lab has no kernel-core of
    /// that release; an older one gives the tree its rpm database.
    /// </summary>
    public static HostState SlowToInstall() => ReadyToInstall("slow-install", KernelSlowPre, Kernel362Core);

    private static HostState ReadyToInstall(string name, string kernel, string kernelCore)
    {
        var state = HostState.Begin(name);
        var root = state.Root;
        Write(root, "proc/sys/kernel/osrelease", kernel + "\n");
        Write(root, "proc/sys/kernel/hostname", "rhel93-app07\n");
        Write(root, "proc/sys/kernel/tainted", "0\n");
        Write(root, "proc/version", $"Linux version {kernel} (mockbuild@x86-vm-07.build.eng.bos.redhat.com) (gcc (GCC) 11.4.1 20230605 (Red Hat 11.4.1-2), GNU ld version 2.35.2-42.el9) #1 SMP PREEMPT_DYNAMIC Wed Nov 8 17:36:32 EST 2023\n");
        Write(root, "proc/modules", "xfs 2011136 2 - Live 0xffffffffc0a00000\n");
        Write(root, "proc/cmdline", $"BOOT_IMAGE=(hd0,gpt2)/vmlinuz-{kernel} root=/dev/mapper/rhel-root ro\n");
        Directory.CreateDirectory(Path.Combine(root, "sys/kernel/livepatch"));
        Write(root, "etc/os-release", "NAME=\"Red Hat Enterprise Linux\"\nVERSION=\"9.3 (Plow)\"\nID=\"rhel\"\nID_LIKE=\"fedora\"\nVERSION_ID=\"9.3\"\nPRETTY_NAME=\"Red Hat Enterprise Linux 9.3 (Plow)\"\n");
        PrepareInstallRoot(root, "file://" + ReadableRepository());
        InstallDirectly(root, kernelCore);
        return state.Configure(installRoot: true, supportDaysLeft: 120);
    }

    /// <summary>Removes the repositories these states made (the lab's own is DnfLab's, shared with other tests).</summary>
    public static void DeleteRepositories()
    {
        foreach (var repository in new[] { InstalledOnlyRepository, OtherKernelRepository })
        {
            if (repository.IsValueCreated)
            {
                Directory.Delete(repository.Value, recursive: true);
            }
        }
    }

    /// <summary>The lab's repository, readable by the read-only session too (it is built in a 0700 temporary directory).</summary>
    public static string ReadableRepository()
    {
        ProcessHelper.Run("chmod", "-R", "a+rX", Path.GetDirectoryName(RepositoryPath)!);
        return RepositoryPath;
    }

    private static HostState RhelWeb01(string name, string? repositoryUrl, bool configure = true)
    {
        var state = HostState.Begin(name);
        SysrootFixtures.Materialize(SysrootFixtures.OneEnabledPatch, state.Root);
        PrepareInstallRoot(state.Root, repositoryUrl ?? "file://" + ReadableRepository());
        InstallDirectly(state.Root, Kernel284Core, CoveredPatch);
        // The lab's RPM carries a placeholder where Red Hat's carries the module: put the fixture's
        // stand-in of that same module there (its modinfo: name, vermagic, signature), as loaded.
        const string module = "5.14.0-284.11.1.el9_2.x86_64/kpatch-5_14_0-284_11_1-1-1.ko";
        File.Copy(Path.Combine(state.Root, "var/lib/kpatch", module), Path.Combine(state.Root, "usr/lib/kpatch", module), overwrite: true);
        return configure ? state.Configure(installRoot: true, supportDaysLeft: 200) : state;
    }

    private static void Write(string root, string path, string content)
    {
        var file = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
    }

    /// <summary>A repository of some of the lab's packages (copied from its repository, indexed by createrepo_c).</summary>
    private static string RepositoryOf(string[] nevras)
    {
        var directory = Directory.CreateTempSubdirectory("kps-cockpit-repo-").FullName;
        foreach (var nevra in nevras)
        {
            File.Copy(Path.Combine(RepositoryPath, "x86_64", nevra + ".rpm"), Path.Combine(directory, nevra + ".rpm"));
        }

        ProcessHelper.Run("createrepo_c", "--quiet", directory);
        ProcessHelper.Run("chmod", "-R", "a+rX", directory);
        return directory;
    }
}
