using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace KpatchScript.IO;

/// <summary>
/// The type and size of a file from <c>statx(2)</c>, and a non-blocking open. .NET has no API
/// for either: <c>File.Exists</c> is true for a FIFO or a device, and opening a FIFO waits for a
/// writer forever. statx (glibc 2.28+, RHEL 8 and later) is used because its buffer has one
/// layout on every architecture, unlike <c>struct stat</c>.
/// </summary>
internal static partial class FileStatus
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const uint StatxSize = 0x200;
    private const int ModeOffset = 28;
    private const int SizeOffset = 40;

    // The generic Linux values (x86-64, arm64, ppc64le, s390x). O_NONBLOCK: a FIFO opens at once
    // instead of waiting for a writer; O_NOCTTY: a terminal never becomes ours.
    private const int ReadOnlyNonBlocking = 0x800 | 0x100 | 0x80000; // O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC

    private const int TypeMask = 0xF000;

    /// <summary>What a path names (links followed unless told); <see cref="FileType.None"/> and the error number when statx fails.</summary>
    public static StatxAnswer Of(string path, bool followLinks = true) =>
        Query(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow);

    /// <summary>The file behind an open handle: what was really opened, whatever the path names now.</summary>
    public static StatxAnswer Of(SafeFileHandle handle)
    {
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            return Query((int)handle.DangerousGetHandle(), "", AtEmptyPath);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>Opens for reading without waiting (a FIFO, a device); the caller checks what it got.</summary>
    public static (SafeFileHandle? Handle, int Errno) OpenNonBlocking(string path)
    {
        var fd = Open(path, ReadOnlyNonBlocking, 0);
        return fd < 0 ? (null, Marshal.GetLastPInvokeError()) : (new SafeFileHandle(fd, ownsHandle: true), 0);
    }

    private static StatxAnswer Query(int directoryFd, string path, int flags)
    {
        Span<byte> buffer = stackalloc byte[256];
        if (Statx(directoryFd, path, flags, StatxType | StatxSize, buffer) != 0)
        {
            return new(FileType.None, 0, Marshal.GetLastPInvokeError());
        }

        var type = (BitConverter.ToUInt16(buffer[ModeOffset..]) & TypeMask) switch
        {
            0x8000 => FileType.Regular,
            0x4000 => FileType.Directory,
            0xA000 => FileType.SymbolicLink,
            0x1000 => FileType.Fifo,
            0x2000 => FileType.CharacterDevice,
            0x6000 => FileType.BlockDevice,
            0xC000 => FileType.Socket,
            _ => FileType.None,
        };
        return new(type, (long)BitConverter.ToUInt64(buffer[SizeOffset..]), 0);
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directoryFd, string path, int flags, uint mask, Span<byte> buffer);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);
}

/// <summary>The type bits of a file's mode.</summary>
internal enum FileType
{
    /// <summary>Not known: statx failed.</summary>
    None,
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
}

/// <summary>
/// What statx answered: a type of ours, not a (FileType, long, int) tuple, so that ReadyToRun
/// precompiles it (a tuple of those is compiled at run time, on every start, before the first file).
/// </summary>
internal readonly record struct StatxAnswer(FileType Type, long Size, int Errno);
