using System.Text;

namespace KpatchScript.TestFixtures;

/// <summary>
/// Real packages for real dnf: builds kpatch-patch and kernel-core RPMs with rpmbuild at test
/// time, serves them as a createrepo_c repository, and prepares dnf installroots that use it
/// (Debian packages rpm, dnf, createrepo-c; tests/run installs them).
/// </summary>
public static class DnfLab
{
    /// <summary>
    /// One package the lab builds. A kpatch-patch changelog is cumulative: its own entry, then every
    /// older version's (the packages of one name are listed oldest first, in rpm's order).
    /// </summary>
    /// <remarks><c>Built</c> is the day rpmbuild stamps as its build time (from the changelog's date); null: the changelog says 2024-01-01 and the build time is when it is built.</remarks>
    public sealed record Package(string Kind, string KernelRelease, string Version, string Release, string Cves, string? LuaPre = null, string? Epoch = null, DateOnly? Built = null)
    {
        public string Name => Kind == "kernel-core" ? "kernel-core" : PatchName(KernelRelease);

        /// <summary>name-[epoch:]version-release.arch, as dnf takes and prints it.</summary>
        public string Nevra => $"{Name}-{(Epoch is null ? "" : Epoch + ":")}{Version}-{Release}.x86_64";
    }

    public const string Kernel284 = "5.14.0-284.11.1.el9_2.x86_64";
    public const string Kernel362 = "5.14.0-362.8.1.el9_3.x86_64";
    public const string Kernel427 = "5.14.0-427.13.1.el9_4.x86_64";
    public const string KernelFailingPre = "5.14.0-999.1.1.el9_9.x86_64";
    public const string KernelSlowPre = "5.14.0-888.1.1.el9_8.x86_64";

    /// <summary>A kernel whose newest live patch outranks an older one by its epoch alone: 1:1.0-1 is newer than 1.1-1.</summary>
    public const string KernelEpoch = "5.14.0-503.11.1.el9_5.x86_64";

    /// <summary>Everything in the repository: four kernels' patches, three with several versions (one raised by an epoch), and two misbehaving packages.</summary>
    public static IReadOnlyList<Package> Packages { get; } =
    [
        new("kpatch-patch", Kernel284, "1", "1.el9_2", "CVE-2023-0001"),
        new("kpatch-patch", Kernel284, "1", "2.el9_2", "CVE-2023-0002, CVE-2023-0003"),
        new("kpatch-patch", Kernel284, "1", "3.el9_2", "CVE-2023-0004"),
        new("kpatch-patch", Kernel362, "1", "1.el9_3", "CVE-2023-1001"),
        new("kpatch-patch", Kernel362, "1", "2.el9_3", "CVE-2023-1002"),
        new("kpatch-patch", Kernel427, "1", "1.el9_4", "CVE-2024-2001"),
        new("kpatch-patch", KernelEpoch, "1.1", "1.el9_5", "CVE-2024-5001"),
        new("kpatch-patch", KernelEpoch, "1.0", "1.el9_5", "CVE-2024-5002", Epoch: "1"),
        new("kpatch-patch", KernelFailingPre, "1", "1.el9_9", "CVE-2024-9999", LuaPre: "error(\"kpatch-script test: %pre fails on purpose\")"),
        new("kpatch-patch", KernelSlowPre, "1", "1.el9_8", "CVE-2024-8888", LuaPre: "posix.sleep(4)"),
        new("kernel-core", Kernel284, "5.14.0", "284.11.1.el9_2", ""),
        new("kernel-core", Kernel362, "5.14.0", "362.8.1.el9_3", ""),
    ];

    /// <summary>A kpatch-eligible kernel with live patches: its 0-0 placeholder first, then a real patch.</summary>
    public const string EligibleKernel = "5.14.0-427.13.1.el9_4.x86_64";

    /// <summary>An errata kernel between two eligible ones: a kernel package, and no kpatch-patch provides it.</summary>
    public const string ErrataKernel = "5.14.0-427.20.1.el9_4.x86_64";

    /// <summary>A kpatch-eligible kernel with only Red Hat's initial 0-0 package: the newest eligible kernel the repository offers.</summary>
    public const string PlaceholderKernel = "5.14.0-503.11.1.el9_5.x86_64";

    /// <summary>A kernel with a kpatch-patch 0-0 but no kernel package in the repository: never offered as the remedy.</summary>
    public const string UnofferedKernel = "5.14.0-570.12.1.el9_6.x86_64";

    /// <summary>
    /// The eligibility repository (<see cref="EligibilityRepositoryPath"/>): kernels as Red Hat ships
    /// them since live patching became its own stream, with build days that set the support window.
    /// </summary>
    public static IReadOnlyList<Package> EligibilityPackages { get; } =
    [
        new("kpatch-patch", EligibleKernel, "0", "0.el9_4", "", Built: new DateOnly(2024, 4, 30)),
        new("kpatch-patch", EligibleKernel, "1", "1.el9_4", "CVE-2024-2001", Built: new DateOnly(2024, 6, 14)),
        new("kpatch-patch", PlaceholderKernel, "0", "0.el9_5", "", Built: new DateOnly(2024, 11, 12)),
        new("kpatch-patch", UnofferedKernel, "0", "0.el9_6", "", Built: new DateOnly(2025, 5, 13)),
        new("kernel-core", EligibleKernel, "5.14.0", "427.13.1.el9_4", "", Built: new DateOnly(2024, 4, 23)),
        new("kernel-core", ErrataKernel, "5.14.0", "427.20.1.el9_4", "", Built: new DateOnly(2024, 5, 28)),
        new("kernel-core", PlaceholderKernel, "5.14.0", "503.11.1.el9_5", "", Built: new DateOnly(2024, 11, 5)),
    ];

    private static readonly Lazy<string> Repository = new(() => BuildRepository(Packages));

    private static readonly Lazy<string> Eligibility = new(() => BuildRepository(EligibilityPackages));

    /// <summary>Red Hat's package name for a kernel's live patches: 5.14.0-284.11.1.el9_2.x86_64 gives kpatch-patch-5_14_0-284_11_1.</summary>
    public static string PatchName(string kernelRelease)
    {
        var (version, release) = (kernelRelease.Split('-')[0], kernelRelease.Split('-')[1]);
        return $"kpatch-patch-{version.Replace('.', '_')}-{release[..release.IndexOf(".el", StringComparison.Ordinal)].Replace('.', '_')}";
    }

    /// <summary>The repository's directory (built once per test process).</summary>
    public static string RepositoryPath => Repository.Value;

    /// <summary>The directory of the repository of <see cref="EligibilityPackages"/> (built once per test process).</summary>
    public static string EligibilityRepositoryPath => Eligibility.Value;

    /// <summary>The CVEs a package's changelog names: its own and every older version's of the same name.</summary>
    public static IReadOnlyList<string> CvesOf(Package package) =>
        UpTo(package)
            .SelectMany(p => p.Cves.Split(", ", StringSplitOptions.RemoveEmptyEntries))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// A fresh installroot whose dnf configuration points at <paramref name="repositoryUrl"/> (the
    /// lab's repository by default), like a host with one repository configured.
    /// </summary>
    public static string NewInstallRoot(string? repositoryUrl = null)
    {
        var root = Directory.CreateTempSubdirectory("kps-installroot-").FullName;
        PrepareInstallRoot(root, repositoryUrl);
        return root;
    }

    /// <summary>Makes <paramref name="root"/> (e.g. a copy of a sysroot fixture) an installroot like <see cref="NewInstallRoot"/>'s.</summary>
    public static void PrepareInstallRoot(string root, string? repositoryUrl = null)
    {
        Directory.CreateDirectory(Path.Combine(root, "etc/dnf/vars"));
        Directory.CreateDirectory(Path.Combine(root, "etc/yum.repos.d"));
        Directory.CreateDirectory(Path.Combine(root, "var/lib/rpm"));
        Directory.CreateDirectory(Path.Combine(root, "root"));
        File.WriteAllText(Path.Combine(root, "etc/dnf/dnf.conf"),
            "[main]\ngpgcheck=False\nbest=True\nskip_if_unavailable=False\ninstallonly_limit=3\nreposdir=/etc/yum.repos.d\nkeepcache=False\nmetadata_expire=0\n");
        File.WriteAllText(Path.Combine(root, "etc/yum.repos.d/kpatch-test.repo"),
            $"[kpatch-test]\nname=KpatchScript test repository\nbaseurl={repositoryUrl ?? "file://" + RepositoryPath}\nenabled=1\ngpgcheck=0\n");
        File.WriteAllText(Path.Combine(root, "etc/dnf/vars/releasever"), "9\n");

        // Debian's rpm keeps its database in ~/.rpmdb; RHEL's rpm in /var/lib/rpm. Point the one
        // at the other so dnf (through Debian's librpm) and `rpm --dbpath /var/lib/rpm` meet.
        File.CreateSymbolicLink(Path.Combine(root, "root/.rpmdb"), "../var/lib/rpm");
    }

    /// <summary>Turns the lab repository of an installroot off (<c>enabled=0</c>): a host with no enabled repository.</summary>
    public static void DisableRepository(string root)
    {
        var file = Path.Combine(root, "etc/yum.repos.d/kpatch-test.repo");
        File.WriteAllText(file, File.ReadAllText(file).Replace("enabled=1", "enabled=0", StringComparison.Ordinal));
    }

    /// <summary>A repository of the lab's kernel-core packages only: enabled, reachable, and without a single kpatch-patch.</summary>
    public static string RepositoryWithoutPatches()
    {
        var repository = Directory.CreateTempSubdirectory("kps-dnflab-kernels-").FullName;
        foreach (var rpm in Directory.GetFiles(RepositoryPath, "kernel-core-*.rpm", SearchOption.AllDirectories))
        {
            File.Copy(rpm, Path.Combine(repository, Path.GetFileName(rpm)));
        }

        ProcessHelper.Run("createrepo_c", "--quiet", repository);
        return repository;
    }

    /// <summary>The build day (UTC) rpm reads from the repository's file of <paramref name="nevra"/>: the test's independent view.</summary>
    public static DateOnly BuildDayOf(string repository, string nevra)
    {
        var rpm = Directory.GetFiles(repository, nevra + ".rpm", SearchOption.AllDirectories).Single();
        var seconds = long.Parse(ProcessHelper.Run("rpm", "--query", "--package", "--queryformat", "%{BUILDTIME}", rpm).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime);
    }

    /// <summary>What rpm says is installed in <paramref name="root"/>, sorted: the test's independent view.</summary>
    public static IReadOnlyList<string> InstalledPackages(string root) =>
        ProcessHelper.Run("rpm", "--root", root, "--dbpath", "/var/lib/rpm", "--query", "--all", "--queryformat", "%{NAME}-%{VERSION}-%{RELEASE}.%{ARCH}\n")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();

    /// <summary>Fails unless rpm finds the database under <paramref name="root"/> consistent (rpm --verifydb).</summary>
    public static void VerifyDatabase(string root) => ProcessHelper.Run("rpm", "--root", root, "--dbpath", "/var/lib/rpm", "--verifydb");

    /// <summary>
    /// A digest of the rpm database under <paramref name="root"/>: equal before and after, nothing was
    /// changed. Lock files and SQLite's shared-memory index (<c>-shm</c>, which any reader rewrites) are left out.
    /// </summary>
    public static string RpmDatabaseDigest(string root)
    {
        var database = Path.Combine(root, "var/lib/rpm");
        using var sha = System.Security.Cryptography.SHA256.Create();
        foreach (var file in Directory.GetFiles(database, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(file);
            sha.TransformBlock(bytes, 0, bytes.Length, null, 0);
        }

        sha.TransformFinalBlock([], 0, 0);
        return Convert.ToHexString(sha.Hash!);
    }

    /// <summary>Installs exact packages with dnf itself, to set a scene.</summary>
    public static void InstallDirectly(string root, params string[] nevras) =>
        ProcessHelper.Run(["dnf", "--quiet", "--assumeyes", $"--installroot={root}", "install", .. nevras]);

    /// <summary>The package and the older ones of its name (each list holds each name's versions oldest first).</summary>
    private static IEnumerable<Package> UpTo(Package package)
    {
        var list = Packages.Contains(package) ? Packages : EligibilityPackages;
        return list.Take(list.ToList().IndexOf(package) + 1).Where(p => p.Name == package.Name && p.Kind == package.Kind);
    }

    /// <summary>
    /// Builds <paramref name="packages"/> into a new repository. A package with <c>Built</c> is stamped
    /// with its changelog's newest date, that day (rpm's source_date_epoch_from_changelog), so tests know it exactly.
    /// </summary>
    private static string BuildRepository(IReadOnlyList<Package> packages)
    {
        var work = Directory.CreateTempSubdirectory("kps-dnflab-").FullName;
        var repository = Path.Combine(work, "repo");
        Directory.CreateDirectory(repository);
        foreach (var package in packages)
        {
            var spec = Path.Combine(work, package.Nevra + ".spec");
            File.WriteAllText(spec, SpecOf(package));
            // A package with a build day of its own is stamped with it; the others with the day they are built
            // (as before, so the support window the repositories give the lab's kernels stays a year from today).
            string[] buildDay = package.Built is null ? [] : ["--define", "source_date_epoch_from_changelog 1", "--define", "use_source_date_epoch_as_buildtime 1"];
            ProcessHelper.Run(["rpmbuild", "-bb", "--quiet", "--define", $"_topdir {Path.Combine(work, "build")}", "--define", $"_rpmdir {repository}", .. buildDay, spec]);
        }

        ProcessHelper.Run("createrepo_c", "--quiet", repository);
        return repository;
    }

    private static string SpecOf(Package package)
    {
        var spec = new StringBuilder();
        spec.Append($"""
            Name: {package.Name}
            Version: {package.Version}
            Release: {package.Release}
            {(package.Epoch is null ? "" : $"Epoch: {package.Epoch}")}
            Summary: KpatchScript test package for kernel {package.KernelRelease}
            License: GPLv2
            BuildArch: x86_64
            %global _build_id_links none
            %global debug_package %{"{nil}"}

            """);
        if (package.Kind == "kernel-core")
        {
            spec.Append($"Provides: kernel-uname-r = {package.KernelRelease}\nProvides: installonlypkg(kernel)\n%description\nTest kernel package (no files).\n%prep\n%build\n%install\n%files\n");
            spec.Append($"%changelog\n* {Day(package.Built)} KpatchScript Tests <tests@example.com> [{package.Version}-{package.Release}]\n- kernel build\n");
            return spec.ToString();
        }

        if (package.Version == "0")
        {
            // Red Hat's initial kpatch-patch-...-0-0: enrols the kernel, ships no module.
            spec.Append($"Provides: kpatch-patch = {package.KernelRelease}\n%description\nInitial live patch package (no module) for kernel {package.KernelRelease}.\n%prep\n%build\n%install\n%files\n");
            spec.Append($"%changelog\n* {Day(package.Built)} KpatchScript Tests <tests@example.com> [{package.Version}-{package.Release}]\n- initial release\n");
            return spec.ToString();
        }

        var module = $"/usr/lib/kpatch/{package.KernelRelease}/{package.Name.Replace("kpatch-patch-", "kpatch-", StringComparison.Ordinal)}-{package.Version}-{package.Release.Split('.')[0]}.ko";
        spec.Append($"""
            Provides: kpatch-patch = {package.KernelRelease}
            %description
            Test live patch module for kernel {package.KernelRelease}.
            %prep
            %build
            %install
            mkdir -p %{"{buildroot}"}{Path.GetDirectoryName(module)}
            echo "placeholder, not an ELF file: {package.Nevra}" > %{"{buildroot}"}{module}
            %files
            {module}

            """);
        if (package.LuaPre is { } lua)
        {
            // Lua, not shell: a shell scriptlet would need /bin/sh inside the empty installroot.
            spec.Append($"%pre -p <lua>\n{lua}\n\n");
        }

        spec.Append("%changelog\n");
        foreach (var older in UpTo(package).Reverse().Where(p => p.Version != "0"))
        {
            spec.Append($"* {Day(older.Built)} KpatchScript Tests <tests@example.com> [{older.Version}-{older.Release}]\n");
            spec.Append($"- kernel: test fix [{2100000 + Packages.Concat(EligibilityPackages).ToList().IndexOf(older)}] {{{older.Cves}}}\n\n");
        }

        return spec.ToString();
    }

    /// <summary>A changelog date, <c>Mon Jan 01 2024</c>: the day rpmbuild takes as the build time.</summary>
    private static string Day(DateOnly? built) =>
        (built ?? new DateOnly(2024, 1, 1)).ToString("ddd MMM dd yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
