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
            arguments.AddRange(command.Arguments.Skip(1));
            return ProcessRunner.Run(arguments, command.Timeout, cancellationToken);
        }

        throw new CommandUnavailableException($"{command.Program} cannot run on a sysroot target (a captured tree has files, not processes)");
    }

    /// <summary>
    /// The tree's rpm database, as a path inside the tree. Named explicitly because rpm's default
    /// differs between builds (Debian's rpm defaults to ~/.rpmdb), and resolved here because an
    /// absolute link such as /var/lib/rpm -> /usr/lib/sysimage/rpm must stay inside the tree.
    /// </summary>
    private string FindRpmDatabase()
    {
        foreach (var candidate in new[] { "/usr/lib/sysimage/rpm", "/var/lib/rpm" })
        {
            var local = Resolve(candidate);
            if (Directory.Exists(local) && Directory.EnumerateFileSystemEntries(local).Any())
            {
                return local[Root.Length..];
            }
        }

        throw new CommandUnavailableException("the sysroot has no rpm database (/var/lib/rpm or /usr/lib/sysimage/rpm)");
    }

    /// <summary>Maps a target path to this machine's path, following links inside the tree.</summary>
    internal string Resolve(string targetPath)
    {
        var pending = new LinkedList<string>(Split(targetPath));
        var resolved = new List<string>();
        var hops = 0;
        while (pending.First is { } first)
        {
            pending.RemoveFirst();
            var part = first.Value;
            if (part == "..")
            {
                // ".." never climbs above the tree's root, exactly like "/.." on a real host.
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            var local = Root + "/" + string.Join('/', resolved.Append(part));
            var linkTarget = new FileInfo(local).LinkTarget;
            if (linkTarget is null)
            {
                resolved.Add(part);
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                throw new IOException($"too many levels of symbolic links in {targetPath}");
            }

            if (linkTarget.StartsWith('/'))
            {
                resolved.Clear();
            }

            foreach (var linkPart in Split(linkTarget).Reverse())
            {
                pending.AddFirst(linkPart);
            }
        }

        return Root + "/" + string.Join('/', resolved);
    }

    private static IEnumerable<string> Split(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".");
}
