using KpatchScript.Host;

namespace KpatchScript.Targets;

/// <summary>
/// A target seen through a snapshot taken in one round trip: what the snapshot holds is answered
/// from memory, everything else goes to the target. A path the snapshot did not record is
/// missing only when its parent directory was listed in full; otherwise the target is asked.
/// Commands, writes, appends and locks always go to the target.
/// </summary>
internal sealed class HostSnapshot(IHostSystem inner) : IHostSystem
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>A recorded path: its kind, its content or read error when taken, its children when listed.</summary>
    private sealed class Entry(EntryKind kind)
    {
        public EntryKind Kind { get; } = kind;

        public string? Content { get; set; }

        public string? Error { get; set; }

        public List<DirectoryEntry>? Children { get; set; }
    }

    public string Name => inner.Name;

    public bool IsReadOnly => inner.IsReadOnly;

    /// <summary>How many reads the snapshot answered (tests check that batching happens).</summary>
    public int Answered { get; private set; }

    /// <summary>
    /// Parses the stream of the snapshot script: NUL-separated records <c>kind path</c>, kinds
    /// d (directory, its children follow), D (directory, not listed), f (file), c (file, its
    /// content follows), e (unreadable file, the error follows), o (other), m (missing).
    /// </summary>
    public static HostSnapshot Parse(IHostSystem inner, string stream)
    {
        var snapshot = new HostSnapshot(inner);
        var fields = stream.Split('\0');
        var i = 0;
        while (i + 1 < fields.Length)
        {
            var (kind, path) = (fields[i], fields[i + 1]);
            var payload = kind is "c" or "e" ? (i + 2 < fields.Length ? fields[i + 2] : throw Malformed(inner, $"record of {path} has no content")) : null;
            i += payload is null ? 2 : 3;
            var entry = kind switch
            {
                "d" => new Entry(EntryKind.Directory) { Children = [] },
                "D" => new Entry(EntryKind.Directory),
                "f" => new Entry(EntryKind.File),
                "c" when payload!.Length >= SnapshotScript.FileBytes => new Entry(EntryKind.File) { Error = $"larger than {IO.ReadLimits.Describe(IO.ReadLimits.TargetFile)}" },
                "c" => new Entry(EntryKind.File) { Content = payload },
                "e" => new Entry(EntryKind.File) { Error = payload },
                "o" => new Entry(EntryKind.Other),
                "m" => new Entry(EntryKind.Missing),
                _ => throw Malformed(inner, $"unknown record kind '{Clip(kind)}'"),
            };
            if (path.Length == 0 || path[0] != '/')
            {
                throw Malformed(inner, $"path '{Clip(path)}' is not absolute");
            }

            snapshot._entries[path] = entry;
            if (entry.Kind != EntryKind.Missing && path.Length > 1)
            {
                var slash = path.LastIndexOf('/');
                var parent = slash == 0 ? "/" : path[..slash];
                if (snapshot._entries.TryGetValue(parent, out var directory) && directory.Children is { } children)
                {
                    children.Add(new DirectoryEntry(path[(slash + 1)..], entry.Kind));
                }
            }
        }

        // The stream ends with a NUL, so a complete one splits into an even count plus one empty field.
        if (i != fields.Length - 1 || fields[^1].Length != 0)
        {
            throw Malformed(inner, "it ends in the middle of a record");
        }

        return snapshot;
    }

    public EntryKind GetEntryKind(string path)
    {
        if (Find(path) is { } entry)
        {
            Answered++;
            return entry.Kind;
        }

        if (ParentListed(path))
        {
            Answered++;
            return EntryKind.Missing;
        }

        return inner.GetEntryKind(path);
    }

    public string ReadFile(string path)
    {
        var entry = Find(path);
        if (entry?.Content is { } content)
        {
            Answered++;
            return content;
        }

        if (entry?.Error is { } error)
        {
            Answered++;
            throw SshErrors.ForRead(error, path, inner.Name);
        }

        if ((entry is null && ParentListed(path)) || entry?.Kind == EntryKind.Missing)
        {
            Answered++;
            throw new FileNotFoundException($"{path} does not exist on {inner.Name}", path);
        }

        return inner.ReadFile(path);
    }

    public IReadOnlyList<DirectoryEntry> ListDirectory(string path)
    {
        var entry = Find(path);
        if (entry?.Children is { } children)
        {
            Answered++;
            return children.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        }

        if ((entry is null && ParentListed(path)) || entry?.Kind == EntryKind.Missing)
        {
            Answered++;
            throw new DirectoryNotFoundException($"{path} does not exist on {inner.Name}");
        }

        return inner.ListDirectory(path);
    }

    public void WriteFile(string path, string content) => inner.WriteFile(path, content);

    public CommandResult Run(CommandSpec command, CancellationToken cancellationToken = default) => inner.Run(command, cancellationToken);

    public void AppendLine(string path, string line) => inner.AppendLine(path, line);

    public IDisposable? Lock(string path, string holder, TimeSpan wait, CancellationToken cancellationToken = default) =>
        inner.Lock(path, holder, wait, cancellationToken);

    private Entry? Find(string path) => _entries.GetValueOrDefault(Normalize(path));

    private bool ParentListed(string path)
    {
        path = Normalize(path);
        var slash = path.LastIndexOf('/');
        if (slash < 0 || path.Length <= 1)
        {
            return false;
        }

        var parent = slash == 0 ? "/" : path[..slash];
        return _entries.TryGetValue(parent, out var directory) && directory.Children is not null;
    }

    private static string Normalize(string path) => path.Length > 1 ? path.TrimEnd('/') : path;

    private static string Clip(string text) => text.Length > 40 ? text[..40] : text;

    private static HostSystemException Malformed(IHostSystem inner, string what) => new($"the snapshot of {inner.Name} is malformed: {what}");
}
