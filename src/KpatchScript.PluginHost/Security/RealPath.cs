using System.Runtime.InteropServices;

namespace KpatchScript.PluginHosting.Security;

/// <summary>
/// <c>realpath(3)</c>: the path with every symbolic link, <c>.</c> and <c>..</c> resolved, in every
/// component. .NET has no such call (<see cref="Path.GetFullPath(string)"/> resolves no link,
/// <see cref="FileSystemInfo.ResolveLinkTarget"/> only the last component), and a check of a
/// path that still holds a link checks whatever the link pointed to at that moment only.
/// </summary>
internal static partial class RealPath
{
    /// <exception cref="IOException">The path does not exist or cannot be resolved (the message says why).</exception>
    public static string Of(string path)
    {
        var resolved = Resolve(path, 0);
        if (resolved == 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"{path}: its real path cannot be resolved ({Marshal.GetPInvokeErrorMessage(errno)})");
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved)!;
        }
        finally
        {
            Free(resolved);
        }
    }

    // With a null buffer, glibc allocates the result (any length); it is given back with free(3).
    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint Resolve(string path, nint buffer);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(nint pointer);
}
