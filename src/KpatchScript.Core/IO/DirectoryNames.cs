using System.Runtime.InteropServices;

namespace KpatchScript.IO;

/// <summary>The names in a directory, from <c>opendir(3)</c> and <c>readdir(3)</c>.</summary>
/// <remarks>
/// Why not <c>Directory.EnumerateFileSystemEntries</c>: its first use cost 3.9 ms of
/// <c>status</c>'s start-up (timed, 2026-12-06), most of it the runtime's first UTF-8 decoding of
/// a name; here ASCII names (all of sysfs, procfs and /var/lib/kpatch) are widened by a loop, and
/// only other names are decoded as UTF-8, as .NET decodes them. The failures are .NET's exception
/// types with messages that name the directory.
/// </remarks>
internal static partial class DirectoryNames
{
    private const int ENOENT = 2;
    private const int EPERM = 1;
    private const int EACCES = 13;

    // struct dirent on 64-bit glibc (x86-64, arm64, ppc64le, s390x): d_ino 8, d_off 8, d_reclen 2,
    // d_type 1, then d_name, NUL-terminated.
    private const int NameOffset = 19;

    /// <summary>Every name but <c>.</c> and <c>..</c>, in the order the file system gives them.</summary>
    /// <exception cref="IOException">The directory is missing, not a directory, or cannot be read.</exception>
    public static List<string> Of(string path)
    {
        var directory = OpenDirectory(path);
        if (directory == IntPtr.Zero)
        {
            throw Failure(path, Marshal.GetLastPInvokeError());
        }

        try
        {
            var names = new List<string>();
            while (true)
            {
                var entry = ReadDirectory(directory);
                if (entry == IntPtr.Zero)
                {
                    // readdir returns NULL at the end, and also on an error, which only errno tells apart.
                    var errno = Marshal.GetLastPInvokeError();
                    return errno == 0 ? names : throw Failure(path, errno);
                }

                var name = NameOf(entry + NameOffset);
                if (name is not ("." or ".."))
                {
                    names.Add(name);
                }
            }
        }
        finally
        {
            _ = CloseDirectory(directory);
        }
    }

    /// <summary>The NUL-terminated name, found by a loop: a span search would be the runtime's first vectorised call.</summary>
    private static unsafe string NameOf(IntPtr name)
    {
        var bytes = (byte*)name;
        var length = 0;
        while (bytes[length] != 0)
        {
            length++;
        }

        return BoundedFile.Utf8(new ReadOnlySpan<byte>(bytes, length));
    }

    // The messages .NET gives for the same failures, so callers see one behaviour.
    private static Exception Failure(string path, int errno) => errno switch
    {
        ENOENT => new DirectoryNotFoundException($"Could not find a part of the path '{path}'."),
        EACCES or EPERM => new UnauthorizedAccessException($"Access to the path '{path}' is denied."),
        _ => new IOException($"{path}: {Marshal.GetPInvokeErrorMessage(errno)}"),
    };

    [LibraryImport("libc", EntryPoint = "opendir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr OpenDirectory(string path);

    [LibraryImport("libc", EntryPoint = "readdir", SetLastError = true)]
    private static partial IntPtr ReadDirectory(IntPtr directory);

    [LibraryImport("libc", EntryPoint = "closedir")]
    private static partial int CloseDirectory(IntPtr directory);
}
