using System.Runtime.InteropServices;

namespace KpatchScript.TestFixtures;

/// <summary>
/// Tells whether anything in a directory was opened or read, through inotify (IN_OPEN, IN_ACCESS):
/// the proof that a sysroot's links never reached a file outside the tree, whatever the product
/// then did with it. Stat calls and readlink make no event; opening, listing or reading does.
/// </summary>
public sealed partial class AccessWatch : IDisposable
{
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x80000;
    private const uint Access = 0x1;
    private const uint Open = 0x20;
    private readonly int _fd;

    /// <param name="directory">Watched itself and for the entries directly in it (inotify does not recurse).</param>
    public AccessWatch(string directory)
    {
        _fd = InotifyInit(NonBlocking | CloseOnExec);
        if (_fd < 0 || InotifyAddWatch(_fd, directory, Access | Open) < 0)
        {
            throw new IOException($"inotify on {directory}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
    }

    /// <summary>True when something was opened or read since the last call (the events are consumed).</summary>
    public bool Touched()
    {
        var buffer = new byte[4096];
        var touched = false;
        while (Read(_fd, buffer, buffer.Length) > 0)
        {
            touched = true; // every event we asked for is an open or a read
        }

        return touched;
    }

    public void Dispose() => _ = Close(_fd); // nothing to do about a failed close of a watch

    [LibraryImport("libc", EntryPoint = "inotify_init1", SetLastError = true)]
    private static partial int InotifyInit(int flags);

    [LibraryImport("libc", EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int InotifyAddWatch(int fd, string path, uint mask);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, byte[] buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
