using System.Runtime.InteropServices;

namespace KpatchScript.PluginHosting.Security;

/// <summary>
/// The rule sudo and systemd apply to what root runs: code loaded into a process running as root
/// must be owned by root and writable by nobody else, or anyone who can write it runs code as root.
/// Owner and mode come from <c>statx(2)</c> (glibc 2.28+, so RHEL 8 and later): its buffer has one
/// layout on every architecture, unlike <c>struct stat</c>.
/// </summary>
internal static partial class FileOwnership
{
    private const int AtFdCwd = -100;
    private const uint StatxMode = 0x2;
    private const uint StatxUid = 0x8;
    private const int UidOffset = 20;
    private const int ModeOffset = 28;
    private const int GroupOrOtherWrite = 0b000_010_010;
    private const int OtherWrite = 0b000_000_010;
    private const int Sticky = 0b1_000_000_000;

    /// <summary>Why root must not load what is at <paramref name="path"/>; null when root owns it and only root can write it.</summary>
    public static string? Problem(string path) => Check(path, allowSticky: false);

    /// <summary>
    /// The same for a directory above a plugin directory, where a world-writable directory with the
    /// sticky bit (<c>/tmp</c>) is accepted: others cannot rename or remove root's entries in it.
    /// </summary>
    public static string? AncestorProblem(string path) => Check(path, allowSticky: true);

    private static string? Check(string path, bool allowSticky)
    {
        Span<byte> buffer = stackalloc byte[256];
        if (Statx(AtFdCwd, path, 0, StatxMode | StatxUid, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return $"{path}: its owner cannot be read ({Marshal.GetPInvokeErrorMessage(errno)}), so it cannot be trusted";
        }

        var uid = BitConverter.ToUInt32(buffer[UidOffset..]);
        var mode = BitConverter.ToUInt16(buffer[ModeOffset..]) & 0xFFF;
        if (uid != 0)
        {
            return $"{path} is owned by uid {uid}, not root; fix: chown root:root {path}";
        }

        var stickyOk = allowSticky && (mode & Sticky) != 0 && (mode & OtherWrite) != 0;
        return (mode & GroupOrOtherWrite) != 0 && !stickyOk
            ? $"{path} is writable by others than root (mode {Convert.ToString(mode, 8).PadLeft(4, '0')}); fix: chmod go-w {path}"
            : null;
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directoryFd, string path, int flags, uint mask, Span<byte> buffer);
}
