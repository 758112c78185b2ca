using System.Runtime.InteropServices;

namespace KpatchScript.TestFixtures;

/// <summary>
/// Files that are not regular files, and files that are larger than they cost: what a wrong path
/// in a captured tree, a fleet directory or a configuration can name. .NET makes none of them.
/// </summary>
public static partial class SpecialFiles
{
    private const uint CharacterDevice = 0x2000;

    /// <summary>A named pipe (mkfifo): opening it for reading waits for a writer, unless opened without blocking.</summary>
    public static void MakeFifo(string path)
    {
        if (MkFifo(path, 0b110_100_100) != 0)
        {
            throw new IOException($"mkfifo {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
    }

    /// <summary>
    /// A character device node like <c>/dev/zero</c> (major 1, minor 5), which reads zeros without
    /// end. Needs root (CAP_MKNOD); false, with nothing made, where the node cannot be made.
    /// </summary>
    public static bool TryMakeZeroDevice(string path) => MkNod(path, CharacterDevice | 0b110_100_100, (1UL << 8) | 5) == 0;

    /// <summary>A sparse file of <paramref name="size"/> bytes: its size is real, its blocks are not.</summary>
    public static void MakeSparse(string path, long size)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        stream.SetLength(size);
    }

    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkFifo(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "mknod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkNod(string path, uint mode, ulong device);
}
