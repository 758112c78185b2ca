using CsCheck;
using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests.Fuzz;

/// <summary>What a path holds in a case: mostly a mutated text, else something a reader must refuse or survive.</summary>
internal enum Shape
{
    Text,
    Fifo,
    Device,
    LinkToDevZero,
    Huge,
    Directory,
    Garbage,
    Empty,
    Missing,
    LinkLoop,
    Unreadable,
    LinkOutside,
    LinkOutsideRelative,
    LinkOutsideFifo,
    LinkToRoot,
}

/// <summary>One file of a case: its shape, the edits of a text shape, the bytes of garbage, the size of a huge one.</summary>
internal sealed record FileCase(Shape Shape, TextEdit[] Edits, byte[] Garbage, long HugeSize)
{
    private static readonly long[] HugeSizes = [(32L << 20) + 1, 1L << 30, 3L << 30, 5L << 30];

    /// <summary>Files outside a tree (a configuration, a fleet document): every shape but the ones that only a tree's links mean.</summary>
    public static Gen<FileCase> Gen { get; } = For(Shape.LinkToRoot - 4);

    /// <summary>Files in a sysroot: every shape, links out of the tree included.</summary>
    public static Gen<FileCase> TreeGen { get; } = For(Shape.LinkToRoot);

    private static Gen<FileCase> For(Shape last) =>
        CsCheck.Gen.Select(
            CsCheck.Gen.Int[0, 99].Select(n => n < 60 ? Shape.Text : (Shape)(1 + (n % (int)last))),
            TextEdit.Gen.Array[1, 4],
            CsCheck.Gen.Byte.Array[0, 2048],
            CsCheck.Gen.Int[0, HugeSizes.Length - 1].Select(i => HugeSizes[i]),
            (shape, edits, garbage, huge) => new FileCase(shape, edits, garbage, huge));

    /// <summary>Makes the path what this case says; returns the extra paths it made.</summary>
    /// <param name="path">The file to make.</param>
    /// <param name="text">Its valid content, which a text case edits.</param>
    /// <param name="outside">A directory outside any tree, with <c>secret</c> and <c>fifo</c> in it.</param>
    /// <param name="depth">How many directories the path is below the tree's root (for a relative link out of it).</param>
    public IReadOnlyList<string> Write(string path, string text, string outside = "/nonexistent", int depth = 0)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        switch (Shape)
        {
            case Shape.Text:
                File.WriteAllText(path, TextEdit.Apply(text, Edits));
                break;
            case Shape.Fifo:
                SpecialFiles.MakeFifo(path);
                break;
            case Shape.Device:
                if (!SpecialFiles.TryMakeZeroDevice(path))
                {
                    SpecialFiles.MakeFifo(path); // without CAP_MKNOD: still not a regular file
                }

                break;
            case Shape.LinkToDevZero:
                File.CreateSymbolicLink(path, "/dev/zero");
                break;
            case Shape.Huge:
                SpecialFiles.MakeSparse(path, HugeSize);
                break;
            case Shape.Directory:
                Directory.CreateDirectory(path);
                File.WriteAllText(Path.Combine(path, "inside"), text);
                break;
            case Shape.Garbage:
                File.WriteAllBytes(path, Garbage);
                break;
            case Shape.Empty:
                File.WriteAllText(path, "");
                break;
            case Shape.Missing:
                break;
            case Shape.LinkLoop:
                File.CreateSymbolicLink(path, Path.GetFileName(path) + ".loop");
                File.CreateSymbolicLink(path + ".loop", Path.GetFileName(path));
                return [path + ".loop"];
            case Shape.Unreadable:
                File.WriteAllText(path, text);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(path, UnixFileMode.None); // root reads it all the same; others get EACCES
                }

                break;
            case Shape.LinkOutside:
                File.CreateSymbolicLink(path, Path.Combine(outside, "secret"));
                break;
            case Shape.LinkOutsideRelative:
                File.CreateSymbolicLink(path, string.Concat(Enumerable.Repeat("../", depth + 1)) + Path.GetFileName(outside) + "/secret");
                break;
            case Shape.LinkOutsideFifo:
                File.CreateSymbolicLink(path, Path.Combine(outside, "fifo"));
                break;
            case Shape.LinkToRoot:
                File.CreateSymbolicLink(path, "/");
                break;
        }

        return [];
    }

    public override string ToString() => Shape switch
    {
        Shape.Text => "text " + string.Join(' ', Edits.Select(e => e.ToString())),
        Shape.Garbage => $"garbage of {Garbage.Length} bytes",
        Shape.Huge => $"huge ({HugeSize} bytes, sparse)",
        _ => Shape.ToString(),
    };
}
