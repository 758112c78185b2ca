using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests.Fuzz;

/// <summary>
/// A sysroot fixture copied once, changed by a case and put back after it (copying a tree per case
/// would cost more than the case). What it can change: every file of the tree, and a new entry in
/// each of its directories (a FIFO among patches, a loop among modules).
/// </summary>
internal sealed class MutableTree
{
    private readonly List<(string Path, byte[]? File, string? Link)> _saved = [];

    public MutableTree(string fixture, string destination)
    {
        Root = destination;
        SysrootFixtures.Materialize(fixture, destination);
        var files = Directory.GetFiles(destination, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(destination, f));
        var fresh = Directory.GetDirectories(destination, "*", SearchOption.AllDirectories).Select(d => Path.GetRelativePath(destination, d) + "/fuzz-entry");
        Paths = [.. files.Concat(fresh).Order(StringComparer.Ordinal)];
    }

    public string Root { get; }

    /// <summary>The paths a case may change, relative to the root.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>Applies one file's case to the path with this index (modulo the count).</summary>
    public string Change(int index, FileCase change, string outside)
    {
        var relative = Paths[index % Paths.Count];
        var path = Path.Combine(Root, relative);
        if (_saved.Any(s => s.Path == path))
        {
            return relative; // changed once per case: the saved state stays the original
        }

        var bytes = Save(path);
        Remove(path);
        var text = bytes is null ? "1\n" : System.Text.Encoding.UTF8.GetString(bytes);
        foreach (var extra in change.Write(path, text, outside, relative.Count(c => c == '/')))
        {
            _saved.Add((extra, null, null));
        }

        return relative;
    }

    /// <summary>Puts every changed path back as it was.</summary>
    public void Restore()
    {
        foreach (var (path, file, link) in Enumerable.Reverse(_saved))
        {
            Remove(path);
            if (link is not null)
            {
                File.CreateSymbolicLink(path, link);
            }
            else if (file is not null)
            {
                File.WriteAllBytes(path, file);
            }
        }

        _saved.Clear();
    }

    private byte[]? Save(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is { } link)
        {
            _saved.Add((path, null, link));
            return null;
        }

        var bytes = info.Exists ? File.ReadAllBytes(path) : null;
        _saved.Add((path, bytes, null));
        return bytes;
    }

    private static void Remove(string path)
    {
        if (Directory.Exists(path) && new FileInfo(path).LinkTarget is null)
        {
            Directory.Delete(path, recursive: true);
        }
        else
        {
            File.Delete(path); // a file, a FIFO, a device node or a link (dangling too); nothing when missing
        }
    }
}
