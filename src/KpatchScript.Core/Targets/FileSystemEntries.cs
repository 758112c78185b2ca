using KpatchScript.Host;
using KpatchScript.IO;

namespace KpatchScript.Targets;

/// <summary>Directory listing and entry kinds on the local file system, shared by local and sysroot targets.</summary>
internal static class FileSystemEntries
{
    /// <summary>One statx call: a FIFO or a device is <see cref="EntryKind.Other"/> (File.Exists would call it a file).</summary>
    public static EntryKind KindOf(string path) => BoundedFile.KindOf(path);

    /// <param name="path">The directory, as the local file system names it.</param>
    /// <param name="kindOf">How to classify a child, given its local path (sysroots resolve links inside the root).</param>
    public static IReadOnlyList<DirectoryEntry> List(string path, Func<string, EntryKind> kindOf)
    {
        var entries = new List<DirectoryEntry>();
        foreach (var name in DirectoryNames.Of(path))
        {
            entries.Add(new DirectoryEntry(name, kindOf(Path.Join(path, name))));
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return entries;
    }
}
