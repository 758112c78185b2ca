using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace KpatchScript.TestFixtures;

/// <summary>
/// Writes a gzip-compressed newc cpio archive, the format the kernel unpacks as an initramfs
/// (Documentation/driver-api/early-userspace/buffer-format.rst). Written here rather than with
/// cpio and gzip so no shell pipeline is needed. Every entry is owned by root; parent
/// directories are added before their children, because the kernel does not create them. Modes
/// are binary literals, rwx bit groups: 0b111_101_101 is 0755.
/// </summary>
public sealed class CpioArchive : IDisposable
{
    private const int Directory = 0x4000;
    private const int Regular = 0x8000;
    private const int Symlink = 0xA000;
    private const int CharacterDevice = 0x2000;

    private readonly GZipStream _gzip;
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal) { "" };
    private int _inode = 1;

    public CpioArchive(string path) =>
        _gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest);

    /// <summary>A directory (and its missing parents, mode 755).</summary>
    public void AddDirectory(string path, int mode = 0b111_101_101)
    {
        var name = path.Trim('/');
        if (_directories.Contains(name))
        {
            return;
        }

        AddParents(name);
        _directories.Add(name);
        Write(name, Directory | mode, [], nlink: 2);
    }

    /// <summary>A regular file with the given content.</summary>
    public void AddFile(string path, byte[] content, int mode = 0b110_100_100)
    {
        var name = path.Trim('/');
        AddParents(name);
        Write(name, Regular | mode, content);
    }

    /// <summary>A symbolic link: newc stores the target as the entry's data.</summary>
    public void AddSymlink(string path, string target)
    {
        var name = path.Trim('/');
        AddParents(name);
        Write(name, Symlink | 0b111_111_111, Encoding.UTF8.GetBytes(target));
    }

    /// <summary>A character device node, e.g. /dev/console for the kernel's first open.</summary>
    public void AddCharacterDevice(string path, int major, int minor, int mode = 0b110_000_000)
    {
        var name = path.Trim('/');
        AddParents(name);
        Write(name, CharacterDevice | mode, [], rdevMajor: major, rdevMinor: minor);
    }

    /// <summary>Writes the trailer and closes the file.</summary>
    public void Dispose()
    {
        Write("TRAILER!!!", 0, [], nlink: 1, inode: 0);
        _gzip.Dispose();
    }

    private void AddParents(string name)
    {
        var slash = name.LastIndexOf('/');
        if (slash > 0)
        {
            AddDirectory(name[..slash]);
        }
    }

    private void Write(string name, int mode, byte[] data, int nlink = 1, int rdevMajor = 0, int rdevMinor = 0, int? inode = null)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name + "\0");
        var header = new StringBuilder("070701");
        foreach (var field in new[] { inode ?? _inode++, mode, 0, 0, nlink, 0, data.Length, 0, 0, rdevMajor, rdevMinor, nameBytes.Length, 0 })
        {
            header.Append(field.ToString("x8", CultureInfo.InvariantCulture));
        }

        _gzip.Write(Encoding.ASCII.GetBytes(header.ToString()));
        _gzip.Write(nameBytes);
        Pad(110 + nameBytes.Length);
        _gzip.Write(data);
        Pad(data.Length);
    }

    // Header plus name, and data, each end on a four-byte boundary.
    private void Pad(int length) => _gzip.Write(new byte[(4 - (length % 4)) % 4]);
}
