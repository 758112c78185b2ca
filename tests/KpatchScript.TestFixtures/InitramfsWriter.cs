using System.IO.Compression;
using System.Text;

namespace KpatchScript.TestFixtures;

/// <summary>
/// Packs the livepatch lab's initramfs (tests/lab/README.md, recipe step 3): busybox with every
/// applet linked in /bin, dropbear, util-linux's flock and kmod (as modinfo) with the libraries ldd names, the virtio-net modules, root's
/// ssh key, the lab modules in /lab and tests/lab/init as /init.
/// </summary>
internal static class InitramfsWriter
{
    private const int Private = 0b111_000_000;
    private const int PrivateFile = 0b110_000_000;
    private const int Executable = 0b111_101_101;

    public static void Write(KernelLabBuild build, string hostKey, IReadOnlyList<string> networkModules)
    {
        using var archive = new CpioArchive(build.Initramfs);
        foreach (var directory in new[] { "proc", "sys", "dev", "tmp", "etc", "lab" })
        {
            archive.AddDirectory(directory);
        }

        // The kernel opens /dev/console for /init's output before init mounts devtmpfs.
        archive.AddCharacterDevice("dev/console", 5, 1);

        AddProgram(archive, "/bin/busybox");
        foreach (var applet in ProcessHelper.Run("/bin/busybox", "--list").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (applet is not ("busybox" or "modinfo"))
            {
                archive.AddSymlink($"bin/{applet}", "busybox");
            }
        }

        AddProgram(archive, "/usr/sbin/dropbear");
        // The host lock of an ssh target is util-linux's flock on the target; busybox has none.
        AddProgram(archive, "/usr/bin/flock");
        // modinfo is kmod's, as on RHEL: it reads a module's signer and key from its PKCS#7 signature (busybox's applet does not).
        AddProgram(archive, "/usr/bin/kmod");
        archive.AddSymlink("bin/modinfo", "/usr/bin/kmod");
        archive.AddSymlink("usr/sbin/modinfo", "/usr/bin/kmod");
        archive.AddFile("init", File.ReadAllBytes(RepositoryPaths.Combine("tests", "lab", "init")), Executable);
        archive.AddFile("etc/passwd", Encoding.ASCII.GetBytes("root:x:0:0:root:/root:/bin/sh\n"));
        archive.AddFile("etc/group", Encoding.ASCII.GetBytes("root:x:0:\n"));
        archive.AddFile("etc/shells", Encoding.ASCII.GetBytes("/bin/sh\n"));
        archive.AddDirectory("etc/dropbear", Private);
        archive.AddFile("etc/dropbear/dropbear_ed25519_host_key", File.ReadAllBytes(hostKey), PrivateFile);
        archive.AddDirectory("root", Private);
        archive.AddDirectory("root/.ssh", Private);
        archive.AddFile("root/.ssh/authorized_keys", File.ReadAllBytes(build.IdentityFile + ".pub"), PrivateFile);

        var kernelModules = KernelModuleFiles(build.KernelRelease);
        foreach (var module in networkModules)
        {
            var file = kernelModules.GetValueOrDefault(module)
                ?? throw new InvalidOperationException($"the livepatch lab needs the kernel module {module} under /lib/modules/{build.KernelRelease}/kernel (linux-image-amd64)");
            archive.AddFile($"lib/modules/net/{module}.ko", Decompressed(file, build.Directory));
        }

        foreach (var module in Directory.GetFiles(build.ModulesDirectory, "*.ko").Order(StringComparer.Ordinal))
        {
            archive.AddFile($"lab/{Path.GetFileName(module)}", File.ReadAllBytes(module));
        }
    }

    // The program and every library ldd names (the dynamic loader included), at their own paths.
    private static void AddProgram(CpioArchive archive, string program)
    {
        archive.AddFile(program, File.ReadAllBytes(program), Executable);
        var ldd = ProcessHelper.Execute("ldd", program);
        if (!ldd.Succeeded)
        {
            return; // a static program ("not a dynamic executable")
        }

        foreach (var line in ldd.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var arrow = Array.IndexOf(words, "=>");
            var library = arrow >= 0 && arrow + 1 < words.Length ? words[arrow + 1] : words[0];
            if (library.StartsWith('/'))
            {
                archive.AddFile(library, File.ReadAllBytes(library), Executable);
            }
        }
    }

    // Module name to file; kernels may ship them compressed (.ko.xz, .ko.zst, .ko.gz).
    private static Dictionary<string, string> KernelModuleFiles(string release)
    {
        var modules = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles($"/lib/modules/{release}/kernel", "*.ko*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(file);
            modules.TryAdd(name[..name.IndexOf(".ko", StringComparison.Ordinal)], file);
        }

        return modules;
    }

    // busybox insmod wants a plain ELF file.
    private static byte[] Decompressed(string file, string workDirectory)
    {
        if (file.EndsWith(".ko", StringComparison.Ordinal))
        {
            return File.ReadAllBytes(file);
        }

        if (file.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            gzip.CopyTo(plain);
            return plain.ToArray();
        }

        var copy = Path.Combine(workDirectory, Path.GetFileName(file));
        File.Copy(file, copy, overwrite: true);
        ProcessHelper.Run(file.EndsWith(".xz", StringComparison.Ordinal) ? ["xz", "--decompress", "--force", copy] : ["zstd", "--decompress", "--quiet", "--force", "--rm", copy]);
        var decompressed = copy[..copy.LastIndexOf('.')];
        var content = File.ReadAllBytes(decompressed);
        File.Delete(decompressed);
        return content;
    }
}
