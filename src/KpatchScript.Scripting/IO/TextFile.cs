using KpatchScript.IO;

namespace KpatchScript.Scripting.IO;

/// <summary>
/// Reads the small text files of a cached run (the script closure, the cache entry's lists).
/// ASCII files, nearly all of them, are widened byte by byte (each byte is its character): the
/// framework's UTF-8 decoder costs a process about 3 ms on its first use, a tenth of what a
/// cached run may spend in all (tests/benchmarks). Anything else is decoded as File.ReadAllText
/// decodes it (UTF-8, a byte-order mark honoured). Only regular files of at most
/// <see cref="ReadLimits.Script"/> are read (<see cref="BoundedFile"/>): <c>#load "/dev/zero"</c> fails at once.
/// </summary>
internal static class TextFile
{
    public static string Read(string path)
    {
        var bytes = BoundedFile.ReadBytes(path, ReadLimits.Script);
        foreach (var b in bytes)
        {
            if (b >= 0x80)
            {
                return BoundedFile.Decode(bytes);
            }
        }

        // Widened by hand: Encoding.Latin1 loads its own encoder types (start-up, tests/benchmarks).
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[i] = (char)bytes[i];
        }

        return new string(chars);
    }

    /// <summary>The lines of a file, without their line ends (as File.ReadAllLines).</summary>
    public static string[] ReadLines(string path) => BoundedFile.Lines(Read(path));
}
