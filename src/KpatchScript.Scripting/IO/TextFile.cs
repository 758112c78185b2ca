using System.Text;

namespace KpatchScript.Scripting.IO;

/// <summary>
/// Reads the small text files of a cached run (the script closure, the cache entry's lists).
/// ASCII files, nearly all of them, are widened byte by byte (Latin-1 is exact for ASCII): the
/// framework's UTF-8 decoder costs a process about 3 ms on its first use, a tenth of what a
/// cached run may spend in all (tests/benchmarks). Anything else is read as File.ReadAllText
/// reads it (UTF-8, a byte-order mark honoured).
/// </summary>
internal static class TextFile
{
    public static string Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        foreach (var b in bytes)
        {
            if (b >= 0x80)
            {
                return File.ReadAllText(path);
            }
        }

        return Encoding.Latin1.GetString(bytes);
    }

    /// <summary>The lines of a file, without their line ends (as File.ReadAllLines).</summary>
    public static string[] ReadLines(string path) => Read(path).ReplaceLineEndings("\n").Split('\n') is var lines && lines.Length > 0 && lines[^1].Length == 0
        ? lines[..^1]
        : lines;
}
