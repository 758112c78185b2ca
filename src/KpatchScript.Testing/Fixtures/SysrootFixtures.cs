namespace KpatchScript.Testing.Fixtures;

/// <summary>
/// Materializes the captured hosts under <c>tests/fixtures/sysroots</c> into temporary copies:
/// git cannot hold empty directories, so the trees carry <c>.gitkeep</c> files, which the copy
/// drops. Cases that carry packages get a real rpm database built from <c>tests/fixtures/rpm</c>
/// with rpmbuild and rpm (Debian's <c>rpm</c> package).
/// </summary>
public static class SysrootFixtures
{
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

    /// <summary>Every case, for tests that run over all of them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [OneEnabledPatch, TwoStackedPatches, ReplaceSuperseded, PatchInTransition, DisabledModuleLoaded, Rhel9KpatchDnf, LabLoaded, LabStacked, LabReplaced, LabStalled];

    /// <summary>Cases whose host has an rpm database with these packages installed.</summary>
    private static readonly Dictionary<string, string[]> PackagesByCase = new(StringComparer.Ordinal)
    {
        [Rhel9KpatchDnf] = ["kernel-core-362", "kernel-core-427", "kernel-core-503", "kpatch-patch-5_14_0-427_13_1", "kpatch-patch-5_14_0-362_8_1", "kpatch", "kpatch-dnf"],
    };

    private static readonly Lazy<string> BuiltRpms = new(BuildRpms);
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, string> Materialized = new(StringComparer.Ordinal);

    /// <summary>The fixture tree as committed (with its .gitkeep files).</summary>
    public static string SourceOf(string name) => RepositoryPaths.Combine("tests", "fixtures", "sysroots", name);

    /// <summary>A ready copy of the case, made once per test run and shared (tests must not write to it).</summary>
    public static string Get(string name)
    {
        lock (Gate)
        {
            if (!Materialized.TryGetValue(name, out var root))
            {
                root = Path.Combine(Path.GetTempPath(), $"kps-sysroot-{Environment.ProcessId}-{name}");
                Materialize(name, root);
                Materialized[name] = root;
            }

            return root;
        }
    }

    /// <summary>Copies the case to <paramref name="destination"/> and installs its packages there.</summary>
    public static void Materialize(string name, string destination)
    {
        if (Directory.Exists(destination))
        {
            Directory.Delete(destination, recursive: true);
        }

        CopyTree(SourceOf(name), destination);
        if (PackagesByCase.TryGetValue(name, out var specs))
        {
            var rpms = specs.Select(spec => Directory.GetFiles(BuiltRpms.Value, $"{spec}.rpm").Single()).ToList();
            ProcessHelper.Run(["rpm", "--root", destination, "--dbpath", "/var/lib/rpm", "--install", "--justdb", "--nodeps", "--noscripts", "--ignorearch", "--ignoreos", .. rpms]);
        }
    }

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

    /// <summary>Builds every spec once per test run; each RPM is renamed after its spec file.</summary>
    private static string BuildRpms()
    {
        var top = Path.Combine(Path.GetTempPath(), $"kps-rpmbuild-{Environment.ProcessId}");
        var output = Path.Combine(top, "out");
        Directory.CreateDirectory(output);
        foreach (var spec in Directory.GetFiles(RepositoryPaths.Combine("tests", "fixtures", "rpm"), "*.spec"))
        {
            var specTop = Path.Combine(top, Path.GetFileNameWithoutExtension(spec));
            ProcessHelper.Run("rpmbuild", "-bb", "--quiet", "--define", $"_topdir {specTop}", spec);
            var rpm = Directory.GetFiles(Path.Combine(specTop, "RPMS"), "*.rpm", SearchOption.AllDirectories).Single();
            File.Copy(rpm, Path.Combine(output, Path.GetFileNameWithoutExtension(spec) + ".rpm"));
        }

        return output;
    }
}
