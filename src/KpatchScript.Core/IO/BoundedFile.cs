using System.Runtime.InteropServices;
using System.Text;
using KpatchScript.Host;
using Microsoft.Win32.SafeHandles;

namespace KpatchScript.IO;

/// <summary>
/// Reads a file only when it is a regular file, and only up to a limit (<see cref="ReadLimits"/>).
/// A FIFO, a device or a socket is refused before anything is read: it is opened without blocking
/// (a FIFO would otherwise wait for a writer forever) and its type checked on the open handle, so
/// a path swapped in between cannot slip through. Sizes are checked before reading and again
/// while reading, because sysfs and procfs files, regular as they are, report sizes of 0 or 4096
/// whatever they hold: they are read with the same cap. Failures are the usual
/// <see cref="IOException"/> family, with one-line messages that name the file.
/// </summary>
public static class BoundedFile
{
    private const int ENOENT = 2;
    private const int EPERM = 1;
    private const int EACCES = 13;
    private const int ENOTDIR = 20;

    /// <summary>What <paramref name="path"/> names, links followed: a FIFO or a device is <see cref="EntryKind.Other"/>, as is a dangling link or a loop.</summary>
    public static EntryKind KindOf(string path)
    {
        var (type, _, errno) = FileStatus.Of(path);
        if (errno == 0)
        {
            return type switch
            {
                FileType.Regular => EntryKind.File,
                FileType.Directory => EntryKind.Directory,
                _ => EntryKind.Other,
            };
        }

        // Something is there when the link itself is (dangling, or a loop).
        return FileStatus.Of(path, followLinks: false).Errno == 0 ? EntryKind.Other : EntryKind.Missing;
    }

    /// <summary>The whole file as text, decoded as <see cref="File.ReadAllText(string)"/> does (UTF-8, a byte-order mark honoured).</summary>
    /// <exception cref="IOException">Not a regular file, larger than <paramref name="maxBytes"/>, or not readable.</exception>
    public static string ReadText(string path, long maxBytes) => Decode(ReadBytes(path, maxBytes));

    /// <summary>The lines of the file, without their line ends, as <see cref="File.ReadAllLines(string)"/> splits them.</summary>
    /// <exception cref="IOException">Not a regular file, larger than <paramref name="maxBytes"/>, or not readable.</exception>
    public static string[] ReadLines(string path, long maxBytes) => Lines(ReadText(path, maxBytes));

    /// <summary>The lines of a text, split at <c>\n</c>, <c>\r\n</c> and <c>\r</c>; a last line end makes no empty line.</summary>
    /// <remarks>Split by hand, not with a StringReader: a cached script run reads its entry's lists with it, and every type it loads costs start-up (tests/benchmarks).</remarks>
    public static string[] Lines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r')
            {
                lines.Add(text[start..i]);
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return [.. lines];
    }

    /// <summary>Text as <see cref="File.ReadAllText(string)"/> decodes it: UTF-8 unless a byte order mark says otherwise.</summary>
    /// <remarks>
    /// A UTF-16 or UTF-32 mark goes through StreamReader's detection; UTF-8 is decoded directly, and
    /// ASCII (what sysfs, procfs and most configuration hold) is widened by a plain loop. Measured on
    /// status's start-up path (timed around its first file read, 2026-12-06): a first StreamReader
    /// cost 2.7 ms, and a first Encoding.UTF8.GetString still 2.4 ms (the runtime's first UTF-8
    /// transcoding, whichever call makes it); the loop costs 0.03 ms, Ascii.IsValid with
    /// Encoding.Latin1 0.2 ms. A property test checks that the text is the one StreamReader gives.
    /// </remarks>
    public static string Decode(byte[] bytes)
    {
        switch (bytes)
        {
            case [0xEF, 0xBB, 0xBF, ..]:
                return Utf8(bytes.AsSpan(3));
            case [0xFE, 0xFF, ..] or [0xFF, 0xFE, ..] or [0x00, 0x00, 0xFE, 0xFF, ..]:
                using (var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
                {
                    return reader.ReadToEnd();
                }

            default:
                return Utf8(bytes);
        }
    }

    /// <summary>UTF-8 without a mark; ASCII widened by a loop (see <see cref="Decode"/>), so a first call costs no transcoder.</summary>
    internal static string Utf8(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b >= 0x80)
            {
                return Encoding.UTF8.GetString(bytes);
            }
        }

        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[i] = (char)bytes[i];
        }

        return new string(chars);
    }

    /// <summary>The whole file.</summary>
    /// <exception cref="IOException">Not a regular file, larger than <paramref name="maxBytes"/>, or not readable.</exception>
    public static byte[] ReadBytes(string path, long maxBytes)
    {
        using var handle = Open(path, maxBytes, out var size);
        // The reported size is a hint (0 for procfs): read until the end, one byte past the cap at most.
        var buffer = new byte[(int)Math.Min(Math.Max(size, 4096), maxBytes + 1)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > maxBytes)
                {
                    throw TooLarge(path, maxBytes, size: null);
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, maxBytes + 1));
            }

            var read = RandomAccess.Read(handle, buffer.AsSpan(length), length);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return length == buffer.Length ? buffer : buffer[..length];
    }

    /// <summary>Checks, without reading, that the file is a regular file of at most <paramref name="maxBytes"/> that can be opened.</summary>
    /// <exception cref="IOException">Not a regular file, larger than <paramref name="maxBytes"/>, or not readable.</exception>
    public static void Check(string path, long maxBytes) => Open(path, maxBytes, out _).Dispose();

    /// <summary>A stream over a regular file of at most <paramref name="maxBytes"/> (a DLL for a metadata reader, a package).</summary>
    /// <exception cref="IOException">Not a regular file, larger than <paramref name="maxBytes"/>, or not readable.</exception>
    public static FileStream OpenRead(string path, long maxBytes) => new(Open(path, maxBytes, out _), FileAccess.Read, bufferSize: 0);

    private static SafeFileHandle Open(string path, long maxBytes, out long size)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBytes, (long)Array.MaxLength - 1);

        // Asked before opening: opening a device can have effects of its own (a watchdog arms itself).
        var (type, _, errno) = FileStatus.Of(path);
        if (errno != 0)
        {
            throw Failure(path, errno);
        }

        Refuse(path, type);
        var (handle, openErrno) = FileStatus.OpenNonBlocking(path);
        if (handle is null)
        {
            throw Failure(path, openErrno);
        }

        try
        {
            (type, size, errno) = FileStatus.Of(handle);
            if (errno != 0)
            {
                throw Failure(path, errno);
            }

            Refuse(path, type);
            return size > maxBytes ? throw TooLarge(path, maxBytes, size) : handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static void Refuse(string path, FileType type)
    {
        if (type == FileType.Regular)
        {
            return;
        }

        var what = type switch
        {
            FileType.Directory => "a directory",
            FileType.Fifo => "a named pipe (FIFO)",
            FileType.CharacterDevice => "a character device",
            FileType.BlockDevice => "a block device",
            FileType.Socket => "a socket",
            _ => "not a regular file",
        };
        throw new NotRegularFileException($"{path} is {what}, not a regular file: name a regular file instead");
    }

    private static FileTooLargeException TooLarge(string path, long maxBytes, long? size) =>
        new(size is { } s
            ? $"{path} is {ReadLimits.Describe(s)}, more than the {ReadLimits.Describe(maxBytes)} kpatch-script reads from such a file: check that it is the right file"
            : $"{path} holds more than {ReadLimits.Describe(maxBytes)}, the most kpatch-script reads from such a file: check that it is the right file");

    // The messages .NET gives for the same failures, so callers see one behaviour.
    private static Exception Failure(string path, int errno) => errno switch
    {
        ENOENT => new FileNotFoundException($"Could not find file '{path}'.", path),
        ENOTDIR => new DirectoryNotFoundException($"Could not find a part of the path '{path}'."),
        EACCES or EPERM => new UnauthorizedAccessException($"Access to the path '{path}' is denied."),
        _ => new IOException($"{path}: {Marshal.GetPInvokeErrorMessage(errno)}"),
    };
}

/// <summary>A FIFO, a device, a socket or a directory where a regular file was expected.</summary>
public sealed class NotRegularFileException(string message) : IOException(message);

/// <summary>A file larger than kpatch-script reads from its kind (<see cref="ReadLimits"/>).</summary>
public sealed class FileTooLargeException(string message) : IOException(message);
