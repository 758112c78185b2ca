namespace KpatchScript.TestFixtures;

/// <summary>
/// Materializes the captured hosts under <c>tests/fixtures/sysroots</c> into temporary copies:
/// git cannot hold empty directories, so the trees carry <c>.gitkeep</c> files, which the copy
/// drops. Cases that carry packages get a real rpm database built from <c>tests/fixtures/rpm</c>
/// with rpmbuild and rpm (Debian's <c>rpm</c> package). The variants of <see cref="Rhel9Covered"/>
/// (<see cref="CoveredVariants"/>) are that tree with one fact changed, each flipping its verdict.
/// </summary>
public static class SysrootFixtures
{
    /// <summary>A RHEL 9.6 host where everything holds: the verdict is covered (until 2026-10-14, an estimate from its build date).</summary>
    public const string Rhel9Covered = "rhel9-covered";

    private const string CoveredRelease = "5.14.0-570.12.1.el9_6.x86_64";
    private const string CoveredPatch = "kpatch_5_14_0_570_12_1_1_1";
    private const string CoveredModule = "kpatch-5_14_0-570_12_1-1-1.ko";
    private static readonly string[] CoveredPackages = ["kernel-core-570", "kpatch-patch-5_14_0-570_12_1", "kpatch", "kpatch-dnf"];

    public const string OneEnabledPatch = "one-enabled-patch";
    public const string TwoStackedPatches = "two-stacked-patches";
    public const string ReplaceSuperseded = "replace-superseded";
    public const string PatchInTransition = "patch-in-transition";
    public const string DisabledModuleLoaded = "disabled-module-loaded";
    public const string Rhel9KpatchDnf = "rhel9-kpatch-dnf";

    // Captured from a real kernel by the livepatch lab (tests/lab/capture).
    public const string LabLoaded = "lab-loaded";
    public const string LabStacked = "lab-stacked";
    public const string LabReplaced = "lab-replaced";
    public const string LabStalled = "lab-stalled";

    /// <summary>Every committed case, for tests that run over all of them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [OneEnabledPatch, TwoStackedPatches, ReplaceSuperseded, PatchInTransition, DisabledModuleLoaded, Rhel9KpatchDnf, LabLoaded, LabStacked, LabReplaced, LabStalled, Rhel9Covered];

    /// <summary>Cases whose host has an rpm database with these packages installed.</summary>
    private static readonly Dictionary<string, string[]> PackagesByCase = new(StringComparer.Ordinal)
    {
        [Rhel9KpatchDnf] = ["kernel-core-362", "kernel-core-427", "kernel-core-503", "kpatch-patch-5_14_0-427_13_1", "kpatch-patch-5_14_0-362_8_1", "kpatch", "kpatch-dnf"],
        [Rhel9Covered] = CoveredPackages,
    };

    /// <summary>One fact of <see cref="Rhel9Covered"/> changed: the packages its rpm database holds, and the change to the tree.</summary>
    private sealed record Variant(string[] Packages, Action<string> Change);

    /// <summary>
    /// <see cref="Rhel9Covered"/> with one fact changed, by name (<c>rhel9-covered-&lt;what&gt;</c>),
    /// and the reason code that flips its verdict. Judged with the test clock (2026-01-15).
    /// </summary>
    public static IReadOnlyDictionary<string, string> CoveredVariants { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["rhel9-covered-no-livepatch"] = "livepatch-unsupported",
        ["rhel9-covered-disabled"] = "check-failed:patches-enabled",
        ["rhel9-covered-in-transition"] = "check-failed:transition",
        ["rhel9-covered-not-loaded"] = "check-failed:installed-modules-loaded",
        ["rhel9-covered-other-vermagic"] = "check-failed:module-vermagic:/var/lib/kpatch/" + CoveredRelease + "/" + CoveredModule,
        ["rhel9-covered-taint-missing"] = "check-failed:taint-livepatch",
        ["rhel9-covered-nothing-installed"] = "nothing-installed",
        ["rhel9-covered-support-ended"] = "support-window-ended",
        ["rhel9-covered-support-ending"] = "support-window-ending",
        ["rhel9-covered-no-build-date"] = "unknown-support-window",
        ["rhel9-covered-newer-kernel"] = "reboot-recommended",
        ["rhel9-covered-no-rpm-database"] = "unknown-packages",
    };

    private static readonly Dictionary<string, Variant> Variants = new(StringComparer.Ordinal)
    {
        ["rhel9-covered-no-livepatch"] = new(CoveredPackages, root => Directory.Delete(Path.Combine(root, "sys/kernel/livepatch"), recursive: true)),
        ["rhel9-covered-disabled"] = new(CoveredPackages, root => Write(root, $"sys/kernel/livepatch/{CoveredPatch}/enabled", "0\n")),
        ["rhel9-covered-in-transition"] = new(CoveredPackages, root =>
        {
            Write(root, $"sys/kernel/livepatch/{CoveredPatch}/transition", "1\n");
            Write(root, "proc/1/task/1/patch_state", "1\n");
            Write(root, "proc/812/task/815/patch_state", "0\n");
            Write(root, "proc/812/task/815/comm", "postgres\n");
            Write(root, "proc/812/task/815/stack", "[<0>] tcp_rcv_established+0x1a/0x6d0\n[<0>] tcp_v4_do_rcv+0x156/0x2b0\n");
        }),
        ["rhel9-covered-not-loaded"] = new(CoveredPackages, root =>
        {
            Directory.Delete(Path.Combine(root, $"sys/kernel/livepatch/{CoveredPatch}"), recursive: true);
            Directory.Delete(Path.Combine(root, $"sys/module/{CoveredPatch}"), recursive: true);
            Write(root, "proc/modules", string.Concat(File.ReadAllLines(Path.Combine(root, "proc/modules")).Where(l => !l.StartsWith(CoveredPatch, StringComparison.Ordinal)).Select(l => l + "\n")));
        }),
        ["rhel9-covered-other-vermagic"] = new(CoveredPackages, root =>
        {
            var module = Path.Combine(root, $"var/lib/kpatch/{CoveredRelease}/{CoveredModule}");
            File.WriteAllText(module, File.ReadAllText(module).Replace("vermagic=" + CoveredRelease, "vermagic=5.14.0-503.11.1.el9_5.x86_64", StringComparison.Ordinal));
        }),
        ["rhel9-covered-taint-missing"] = new(CoveredPackages, root => Write(root, "proc/sys/kernel/tainted", "0\n")),
        ["rhel9-covered-nothing-installed"] = new(["kernel-core-570", "kpatch", "kpatch-dnf"], root =>
        {
            Directory.Delete(Path.Combine(root, $"sys/kernel/livepatch/{CoveredPatch}"), recursive: true);
            Directory.Delete(Path.Combine(root, $"sys/module/{CoveredPatch}"), recursive: true);
            Directory.Delete(Path.Combine(root, $"var/lib/kpatch/{CoveredRelease}"), recursive: true);
            Directory.Delete(Path.Combine(root, $"usr/lib/kpatch/{CoveredRelease}"), recursive: true);
            Write(root, "proc/modules", string.Concat(File.ReadAllLines(Path.Combine(root, "proc/modules")).Where(l => !l.StartsWith(CoveredPatch, StringComparison.Ordinal)).Select(l => l + "\n")));
        }),
        ["rhel9-covered-support-ended"] = new(CoveredPackages, root => BuiltOn(root, "Mon Dec  2 09:12:44 EST 2024")),
        ["rhel9-covered-support-ending"] = new(CoveredPackages, root => BuiltOn(root, "Sat Jan 25 09:12:44 EST 2025")),
        ["rhel9-covered-no-build-date"] = new(CoveredPackages, root => Write(root, "proc/version", $"Linux version {CoveredRelease} (mockbuild@x86-64-03) #1 SMP PREEMPT_DYNAMIC\n")),
        ["rhel9-covered-newer-kernel"] = new([.. CoveredPackages, "kernel-core-611"], root => Write(root, "boot/vmlinuz-5.14.0-611.5.1.el9_7.x86_64", "placeholder kernel image for tests\n")),
        ["rhel9-covered-no-rpm-database"] = new([], _ => { }),
    };

    private static readonly Lazy<string> BuiltRpms = new(BuildRpms);
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, string> Materialized = new(StringComparer.Ordinal);

    /// <summary>The fixture tree as committed (with its .gitkeep files).</summary>
    public static string SourceOf(string name) => RepositoryPaths.Combine("tests", "fixtures", "sysroots", name);

    /// <summary>
    /// A ready copy of the case, made once per test process and shared (tests must not write to it).
    /// The copies are removed when the process exits; copies left by test processes that are gone
    /// (killed: a mutation run's timeout, a cancelled run) are swept before the first copy is made.
    /// </summary>
    public static string Get(string name)
    {
        lock (Gate)
        {
            if (!Materialized.TryGetValue(name, out var root))
            {
                if (Materialized.Count == 0)
                {
                    TempLeftovers.SweepCopiesOfEndedProcesses(CopyPrefix);
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => RemoveCopies();
                }

                root = Path.Combine(Path.GetTempPath(), $"{CopyPrefix}{Environment.ProcessId}-{name}");
                Materialize(name, root);
                Materialized[name] = root;
            }

            return root;
        }
    }

    private const string CopyPrefix = "kps-sysroot-";

    private static void RemoveCopies()
    {
        lock (Gate)
        {
            foreach (var root in Materialized.Values)
            {
                TempLeftovers.TryDelete(root);
            }
        }
    }

    /// <summary>Copies the case to <paramref name="destination"/> and installs its packages there.</summary>
    public static void Materialize(string name, string destination)
    {
        if (Directory.Exists(destination))
        {
            Directory.Delete(destination, recursive: true);
        }

        Variants.TryGetValue(name, out var variant);
        CopyTree(SourceOf(variant is null ? name : Rhel9Covered), destination);
        variant?.Change(destination);
        var specs = variant?.Packages ?? PackagesByCase.GetValueOrDefault(name) ?? [];
        if (specs.Length > 0)
        {
            var rpms = specs.Select(spec => Directory.GetFiles(BuiltRpms.Value, $"{spec}.rpm").Single()).ToList();
            ProcessHelper.Run(["rpm", "--root", destination, "--dbpath", "/var/lib/rpm", "--install", "--justdb", "--nodeps", "--noscripts", "--ignorearch", "--ignoreos", .. rpms]);
        }
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> under <paramref name="root"/>, making its directories.</summary>
    internal static void Write(string root, string path, string text)
    {
        var file = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
    }

    /// <summary>Rewrites the build date at the end of <c>/proc/version</c> (the support window is estimated from it).</summary>
    private static void BuiltOn(string root, string date) =>
        Write(root, "proc/version", $"Linux version {CoveredRelease} (mockbuild@x86-64-03.build.eng.rdu2.redhat.com) (gcc (GCC) 11.5.0) #1 SMP PREEMPT_DYNAMIC {date}\n");

    private static void CopyTree(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(destination, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(target, link); // kept as is: absolute links must stay absolute
            }
            else if (entry is DirectoryInfo)
            {
                CopyTree(entry.FullName, target);
            }
            else if (entry.Name != ".gitkeep")
            {
                File.Copy(entry.FullName, target);
            }
        }
    }

    /// <summary>
    /// The RPMs of <c>tests/fixtures/rpm</c>, built once for each content of the spec files (each RPM named
    /// after its spec) and kept for every later test process (<see cref="FixtureRpmCache"/>): rpmbuild of the ten specs costs
    /// about 0.7 s, paid by each test process that needs a sysroot, and a mutation run starts a test
    /// process for each of its ~1,100 mutants.
    /// </summary>
    private static string BuildRpms() =>
        FixtureRpmCache.Get(Directory.GetFiles(RepositoryPaths.Combine("tests", "fixtures", "rpm"), "*.spec"), (specs, output) =>
        {
            var top = Path.Combine(output, ".rpmbuild");
            foreach (var spec in specs)
            {
                var specTop = Path.Combine(top, Path.GetFileNameWithoutExtension(spec));
                ProcessHelper.Run("rpmbuild", "-bb", "--quiet", "--define", $"_topdir {specTop}", spec);
                var rpm = Directory.GetFiles(Path.Combine(specTop, "RPMS"), "*.rpm", SearchOption.AllDirectories).Single();
                File.Copy(rpm, Path.Combine(output, Path.GetFileNameWithoutExtension(spec) + ".rpm"));
            }

            Directory.Delete(top, recursive: true);
        });
}
