using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace KpatchScript.TestFixtures;

/// <summary>
/// What the livepatch lab boots, built once per test process (<see cref="Shared"/>) into a
/// temporary directory: the lab modules compiled against the installed kernel's headers, an
/// initramfs with busybox, dropbear and those modules (tests/lab/README.md), a dropbear host key
/// and an ssh client key. Missing packages are a loud failure naming them, never a skip.
/// </summary>
public sealed partial class KernelLabBuild
{
    // The virtio-net chain tests/lab/init loads; all are modules in Debian's kernel.
    private static readonly string[] NetworkModules =
        ["virtio_ring", "virtio", "virtio_pci_modern_dev", "virtio_pci_legacy_dev", "virtio_pci", "failover", "net_failover", "virtio_net"];

    private static readonly Lazy<KernelLabBuild> SharedBuild = new(() => new KernelLabBuild());

    private KernelLabBuild()
    {
        KernelRelease = FindKernelRelease();
        OtherKernelRelease = OtherRelease(KernelRelease);
        Directory = System.IO.Directory.CreateTempSubdirectory("kps-kernellab-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.Directory.Delete(Directory, recursive: true);

        var clock = Stopwatch.StartNew();
        BuildModules();
        ModulesBuildTime = clock.Elapsed;

        clock.Restart();
        IdentityFile = Path.Combine(Directory, "id_ed25519");
        ProcessHelper.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "kpatchscript-lab", "-f", IdentityFile);
        var hostKey = Path.Combine(Directory, "dropbear_ed25519_host_key");
        ProcessHelper.Run("dropbearkey", "-t", "ed25519", "-f", hostKey);
        HostPublicKey = PublicKeyOf(ProcessHelper.Run("dropbearkey", "-y", "-f", hostKey));
        Initramfs = Path.Combine(Directory, "initrd.gz");
        InitramfsWriter.Write(this, hostKey, NetworkModules);
        InitramfsBuildTime = clock.Elapsed;
    }

    /// <summary>The build every test in the process shares (made on first use).</summary>
    public static KernelLabBuild Shared => SharedBuild.Value;

    /// <summary>The temporary directory holding everything below (removed when the process exits).</summary>
    public string Directory { get; }

    /// <summary>The kernel the lab boots and builds against (has both /boot/vmlinuz-K and /lib/modules/K/build).</summary>
    public string KernelRelease { get; }

    /// <summary>A release of the same length that is not <see cref="KernelRelease"/> (6.1.0-56-amd64 gives 6.1.0-99-amd64).</summary>
    public string OtherKernelRelease { get; }

    /// <summary>The kernel image qemu boots.</summary>
    public string KernelImage => $"/boot/vmlinuz-{KernelRelease}";

    /// <summary>The gzip-compressed newc initramfs.</summary>
    public string Initramfs { get; }

    /// <summary>The host folder holding the built modules (&lt;stem&gt;.ko, see <see cref="LabModules"/>).</summary>
    public string ModulesDirectory => Path.Combine(Directory, "modules");

    /// <summary>The ssh client key root's authorized_keys in the guest names.</summary>
    public string IdentityFile { get; }

    /// <summary>The guest's dropbear host key, "ssh-ed25519 AAAA...", for known_hosts.</summary>
    public string HostPublicKey { get; }

    public TimeSpan ModulesBuildTime { get; }

    /// <summary>The common name of the key lab_cmdline.ko is signed with: a key of the lab's own, which the guest kernel does not trust.</summary>
    public const string SigningKeyName = "KpatchScript lab untrusted key";

    /// <summary>That key's certificate serial number, hex (what modinfo prints as sig_key, without its colons).</summary>
    public string SigningKeySerial { get; private set; } = "";

    public TimeSpan InitramfsBuildTime { get; }

    /// <summary>The host path of a built lab module.</summary>
    public string ModuleFile(string stem) => Path.Combine(ModulesDirectory, stem + ".ko");

    /// <summary>
    /// The newest kernel release with both its image and its headers installed, or a failure
    /// naming everything the lab misses.
    /// </summary>
    public static string FindKernelRelease()
    {
        var missing = new List<string>();
        foreach (var (program, package) in new[]
                 {
                     ("qemu-system-x86_64", "qemu-system-x86"), ("make", "make"), ("gcc", "gcc"), ("ssh", "openssh-client"),
                     ("ssh-keygen", "openssh-client"), ("dropbearkey", "dropbear-bin"), ("ldd", "libc-bin"),
                 })
        {
            if (!OnPath(program))
            {
                missing.Add($"{program} ({package})");
            }
        }

        foreach (var (file, package) in new[] { ("/bin/busybox", "busybox-static"), ("/usr/sbin/dropbear", "dropbear-bin"), ("/usr/bin/flock", "util-linux"), ("/usr/bin/kmod", "kmod") })
        {
            if (!File.Exists(file))
            {
                missing.Add($"{file} ({package})");
            }
        }

        var releases = System.IO.Directory.Exists("/lib/modules")
            ? System.IO.Directory.GetDirectories("/lib/modules").Select(Path.GetFileName).OfType<string>().ToList()
            : [];
        var complete = releases
            .Where(k => File.Exists($"/boot/vmlinuz-{k}") && System.IO.Directory.Exists($"/lib/modules/{k}/build"))
            .OrderBy(k => DigitRun().Replace(k, m => m.Value.PadLeft(12, '0')), StringComparer.Ordinal)
            .ToList();
        if (complete.Count == 0)
        {
            var seen = releases.Count == 0 ? "no /lib/modules/<release>" : string.Join(", ", releases.Select(k =>
                $"{k}: {(File.Exists($"/boot/vmlinuz-{k}") ? "" : "no /boot/vmlinuz, ")}{(System.IO.Directory.Exists($"/lib/modules/{k}/build") ? "" : "no headers")}".TrimEnd(',', ' ')));
            missing.Add($"a kernel with both /boot/vmlinuz-<release> and /lib/modules/<release>/build (linux-image-amd64, linux-headers-amd64; found {seen})");
        }

        return missing.Count == 0
            ? complete[^1]
            : throw new InvalidOperationException($"the livepatch lab needs {string.Join("; ", missing)}: run tests/run, which installs them");
    }

    /// <summary>The release with its first number after a '-' (else its first number) changed, same length.</summary>
    public static string OtherRelease(string release)
    {
        var match = AbiNumber().Match(release);
        match = match.Success ? match : DigitRun().Match(release);
        if (!match.Success)
        {
            throw new ArgumentException($"kernel release {release} has no number to change", nameof(release));
        }

        var digits = new string(match.Value.All(c => c == '9') ? '8' : '9', match.Length);
        return release[..match.Index] + digits + release[(match.Index + match.Length)..];
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, program)));

    private static string PublicKeyOf(string dropbearkeyOutput)
    {
        var line = dropbearkeyOutput.Split('\n').FirstOrDefault(l => l.StartsWith("ssh-ed25519 ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"dropbearkey -y printed no ssh-ed25519 key: {dropbearkeyOutput}");
        return string.Join(' ', line.Split(' ').Take(2)); // without the comment
    }

    private void BuildModules()
    {
        // Sources only: a hand build in tests/lab/modules may have left objects behind.
        System.IO.Directory.CreateDirectory(ModulesDirectory);
        foreach (var source in System.IO.Directory.GetFiles(RepositoryPaths.Combine("tests", "lab", "modules")))
        {
            var name = Path.GetFileName(source);
            if (name == "Makefile" || name.EndsWith(".c", StringComparison.Ordinal) || name.EndsWith(".h", StringComparison.Ordinal))
            {
                File.Copy(source, Path.Combine(ModulesDirectory, name));
            }
        }

        ProcessHelper.Run("make", $"-j{Environment.ProcessorCount}", "-C", $"/lib/modules/{KernelRelease}/build", $"M={ModulesDirectory}", "modules");
        WriteOtherKernelModule();
        SignCmdlineModule();
    }

    // lab_cmdline.ko signed with a key made here, as sign-file signs modules (PKCS#7, appended): the
    // guest kernel does not have the key, so it loads the module tainted E, and the other lab modules
    // stay unsigned. The copy for another kernel is made before, unsigned.
    private void SignCmdlineModule()
    {
        var signFile = $"/lib/modules/{KernelRelease}/build/scripts/sign-file";
        if (!File.Exists(signFile))
        {
            throw new InvalidOperationException($"the livepatch lab signs a module with {signFile} (linux-headers-amd64, linux-kbuild): it is missing; run tests/run, which installs them");
        }

        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={SigningKeyName}, O=KpatchScript", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var key = Path.Combine(Directory, "signing_key.pem");
        var x509 = Path.Combine(Directory, "signing_key.x509");
        File.WriteAllText(key, rsa.ExportPkcs8PrivateKeyPem());
        File.WriteAllBytes(x509, certificate.Export(X509ContentType.Cert));
        ProcessHelper.Run(signFile, "sha256", key, x509, ModuleFile(LabModules.Cmdline));
        SigningKeySerial = certificate.SerialNumber;
    }

    // The same module, but its vermagic names another release of the same length, so the ELF
    // layout stays intact and only the "built for" claim changes.
    private void WriteOtherKernelModule()
    {
        var module = File.ReadAllBytes(ModuleFile(LabModules.Cmdline));
        var from = Encoding.ASCII.GetBytes($"vermagic={KernelRelease} ");
        var to = Encoding.ASCII.GetBytes($"vermagic={OtherKernelRelease} ");
        var at = module.AsSpan().IndexOf(from);
        if (at < 0 || module.AsSpan(at + 1).IndexOf(from) >= 0)
        {
            throw new InvalidOperationException($"{ModuleFile(LabModules.Cmdline)} does not hold \"vermagic={KernelRelease} \" exactly once");
        }

        to.CopyTo(module, at);
        File.WriteAllBytes(ModuleFile(LabModules.OtherKernel), module);
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex DigitRun();

    [GeneratedRegex(@"(?<=-)\d+")]
    private static partial Regex AbiNumber();
}
