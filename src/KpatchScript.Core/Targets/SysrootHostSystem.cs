using KpatchScript.Host;
using KpatchScript.IO;

namespace KpatchScript.Targets;

/// <summary>
/// A captured tree laid out like a host's root (a copied <c>/sys</c>, <c>/proc</c>, <c>/etc</c>,
/// an sos report). Read-only: writes and mutating commands are refused. Symbolic links resolve
/// inside the tree, so an absolute link never reaches the machine KpatchScript runs on.
/// </summary>
public sealed class SysrootHostSystem : IHostSystem
{
    private const int MaxLinkHops = 40;

    /// <summary>Local directories already seen not to be links (see <see cref="Resolve"/>).</summary>
    private readonly HashSet<string> _plainDirectories = new(StringComparer.Ordinal);

    public SysrootHostSystem(string root)
    {
        Root = Path.GetFullPath(root).TrimEnd('/');
        if (!Directory.Exists(Root))
        {
            throw new HostSystemException($"sysroot {root} is not a directory");
        }
    }

    /// <summary>The tree's directory on this machine.</summary>
    public string Root { get; }

    public string Name => "sysroot:" + Root;

    public bool IsReadOnly => true;

    public EntryKind GetEntryKind(string path) => FileSystemEntries.KindOf(Resolve(path));

    public string ReadFile(string path) => BoundedFile.ReadText(Resolve(path), ReadLimits.TargetFile);

    public IReadOnlyList<DirectoryEntry> ListDirectory(string path)
    {
        var prefix = path.TrimEnd('/') + "/";
        return FileSystemEntries.List(Resolve(path), child => FileSystemEntries.KindOf(Resolve(prefix + Path.GetFileName(child))));
    }

    public void WriteFile(string path, string content) =>
        throw new ReadOnlyTargetException($"target {Name} is read-only: cannot write {path}");

    public void AppendLine(string path, string line) =>
        throw new ReadOnlyTargetException($"target {Name} is read-only: cannot append to {path}");

    /// <summary>A tree is never changed, so it is never locked.</summary>
    public IDisposable? Lock(string path, string holder, TimeSpan wait, CancellationToken cancellationToken = default) =>
        throw new ReadOnlyTargetException($"target {Name} is read-only: it takes no lock ({path})");

    /// <summary>
    /// A captured tree has files, not processes. The one exception is rpm, which can query the
    /// tree's own database with <c>--root</c>; every other program is unavailable here.
    /// </summary>
    public CommandResult Run(CommandSpec command, CancellationToken cancellationToken = default)
    {
        if (command.Mutates)
        {
            throw new ReadOnlyTargetException($"target {Name} is read-only: refusing to run {command}");
        }

        if (Path.GetFileName(command.Program) == "rpm")
        {
            var arguments = new List<string> { "rpm", "--root", Root, "--dbpath", FindRpmDatabase() };
            for (var i = 1; i < command.Arguments.Count; i++)
            {
                arguments.Add(command.Arguments[i]); // a loop, not LINQ: status on a sysroot runs this at start-up
            }

            return ProcessRunner.Run(arguments, command.Timeout, cancellationToken);
        }

        throw new CommandUnavailableException($"{command.Program} cannot run on a sysroot target (a captured tree has files, not processes)");
    }

    /// <summary>The database file of each backend rpm has: sqlite (RHEL 9), Berkeley DB (RHEL 7 and 8), ndb.</summary>
    private static readonly string[] RpmDatabaseFiles = ["rpmdb.sqlite", "Packages", "Packages.db"];

    /// <summary>
    /// The tree's rpm database, as a path inside the tree. Named explicitly because rpm's default
    /// differs between builds (Debian's rpm defaults to ~/.rpmdb), and resolved here because an
    /// absolute link such as /var/lib/rpm -> /usr/lib/sysimage/rpm must stay inside the tree.
    /// </summary>
    /// <remarks>
    /// A database is one of rpm's files (sqlite, Berkeley DB or ndb), not any file: asked to query a
    /// directory without one, rpm creates an empty database there, and a captured tree is never
    /// changed (a directory kept by a lone .gitkeep got an rpmdb.sqlite that way).
    /// </remarks>
    private string FindRpmDatabase()
    {
        foreach (var candidate in new[] { "/usr/lib/sysimage/rpm", "/var/lib/rpm" })
        {
            var local = Resolve(candidate);
            foreach (var database in RpmDatabaseFiles)
            {
                if (FileSystemEntries.KindOf(Path.Combine(local, database)) == EntryKind.File)
                {
                    return local[Root.Length..];
                }
            }
        }

        throw new CommandUnavailableException("the sysroot has no rpm database (/var/lib/rpm or /usr/lib/sysimage/rpm)");
    }

    /// <summary>Maps a target path to this machine's path, following links inside the tree.</summary>
    /// <remarks>
    /// Detection asks for the same directories again and again (/sys/kernel/livepatch/..., each
    /// entry's kind, then its contents). A directory seen once not to be a link is not asked again
    /// (<see cref="_plainDirectories"/>): status on a sysroot made 234 readlink calls before.
    /// Only real directories are remembered, never links or files, so a tree that dnf changes
    /// (an install root) cannot be misread: rpm does not turn a directory into a link.
    /// Plain lists, no LINQ or LinkedList: this runs before anything else on a sysroot's status.
    /// </remarks>
    internal string Resolve(string targetPath)
    {
        // The parts still to walk, the next one last (a stack on a list); what is resolved so far is
        // the local path itself, the root first.
        var pending = new List<string>();
        PushParts(pending, targetPath);
        var local = new System.Text.StringBuilder(Root);
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending[^1];
            pending.RemoveAt(pending.Count - 1);
            if (part == "..")
            {
                // ".." never climbs above the tree's root, exactly like "/.." on a real host.
                if (local.Length > Root.Length)
                {
                    local.Length = local.ToString().LastIndexOf('/');
                }

                continue;
            }

            var candidate = local + "/" + part;
            var linkTarget = LinkTarget(candidate);
            if (linkTarget is null)
            {
                local.Append('/').Append(part);
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                throw new IOException($"too many levels of symbolic links in {targetPath}");
            }

            if (linkTarget.StartsWith('/'))
            {
                local.Length = Root.Length;
            }

            PushParts(pending, linkTarget);
        }

        return local.Length == Root.Length ? Root + "/" : local.ToString();
    }

    /// <summary>What <paramref name="localPath"/> links to; null when it is not a link (or is not there).</summary>
    private string? LinkTarget(string localPath)
    {
        lock (_plainDirectories)
        {
            if (_plainDirectories.Contains(localPath))
            {
                return null;
            }
        }

        // One lstat; a missing path reads as (FileAttributes)(-1), and a dangling link is still a link.
        var entry = new FileInfo(localPath);
        var attributes = entry.Attributes;
        if ((int)attributes == -1)
        {
            return null;
        }

        if ((attributes & FileAttributes.ReparsePoint) != 0)
        {
            return entry.LinkTarget;
        }

        if ((attributes & FileAttributes.Directory) != 0)
        {
            lock (_plainDirectories)
            {
                _plainDirectories.Add(localPath);
            }
        }

        return null;
    }

    /// <summary>Pushes the parts of <paramref name="path"/> so that its first part is walked next ("." and empty parts dropped).</summary>
    private static void PushParts(List<string> pending, string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            if (parts[i] != ".")
            {
                pending.Add(parts[i]);
            }
        }
    }
}
