using KpatchScript.Host;

namespace KpatchScript.Testing.Fakes;

/// <summary>
/// An in-memory target: files and directories from a dictionary, failures injected per path,
/// commands answered by handlers and recorded with their exact argument vectors.
/// </summary>
public sealed class FakeHostSystem : IHostSystem
{
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal) { "/" };
    private readonly Dictionary<string, Exception> _failures = new(StringComparer.Ordinal);
    private readonly List<Func<CommandSpec, CommandResult?>> _handlers = [];
    private readonly List<CommandSpec> _commands = [];
    private readonly List<(string Path, string Content)> _writes = [];
    private readonly Dictionary<string, string> _locks = new(StringComparer.Ordinal);
    private readonly List<string> _locksTaken = [];
    private readonly List<string> _reads = [];

    /// <summary>An empty target (only <c>/</c>) named <paramref name="name"/>; a read-only one refuses writes, locks and mutating commands, as a sysroot does.</summary>
    public FakeHostSystem(string name = "fake", bool isReadOnly = false)
    {
        Name = name;
        IsReadOnly = isReadOnly;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public bool IsReadOnly { get; }

    /// <summary>Every command run, in order, with its exact arguments.</summary>
    public IReadOnlyList<CommandSpec> Commands => _commands;

    /// <summary>Every file read (its path), in order: what a round trip over ssh would cost.</summary>
    public IReadOnlyList<string> Reads
    {
        get
        {
            lock (_reads)
            {
                return [.. _reads];
            }
        }
    }

    /// <summary>Every write, in order.</summary>
    public IReadOnlyList<(string Path, string Content)> Writes => _writes;

    /// <summary>Every lock taken (its path), in order.</summary>
    public IReadOnlyList<string> LocksTaken => _locksTaken;

    /// <summary>Makes <paramref name="path"/> locked by another process, which <paramref name="holder"/> names, for any wait.</summary>
    public FakeHostSystem WithLockHeld(string path, string holder)
    {
        _locks[path] = holder;
        return WithFile(path + ".holder", holder + "\n");
    }

    /// <summary>Adds a file (and its parent directories).</summary>
    public FakeHostSystem WithFile(string path, string content)
    {
        _files[path] = content;
        AddParents(path);
        return this;
    }

    /// <summary>Adds a directory (and its parents).</summary>
    public FakeHostSystem WithDirectory(string path)
    {
        _directories.Add(path.TrimEnd('/'));
        AddParents(path);
        return this;
    }

    /// <summary>Makes every access to <paramref name="path"/> throw <paramref name="failure"/>.</summary>
    public FakeHostSystem WithFailure(string path, Exception failure)
    {
        _failures[path] = failure;
        AddParents(path);
        return this;
    }

    /// <summary>Removes a file or a directory with everything under it.</summary>
    public FakeHostSystem Without(string path)
    {
        var prefix = path.TrimEnd('/') + "/";
        _files.Remove(path);
        _directories.Remove(path.TrimEnd('/'));
        foreach (var key in _files.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            _files.Remove(key);
        }

        _directories.RemoveWhere(d => d.StartsWith(prefix, StringComparison.Ordinal));
        return this;
    }

    /// <summary>
    /// Answers commands whose program is <paramref name="program"/>. The handler added last is
    /// asked first; returning null passes the command on to earlier handlers.
    /// </summary>
    public FakeHostSystem WithCommand(string program, Func<CommandSpec, CommandResult?> handler)
    {
        _handlers.Insert(0, spec => spec.Program == program ? handler(spec) : null);
        return this;
    }

    /// <summary>Answers commands whose program is <paramref name="program"/> with a fixed result.</summary>
    public FakeHostSystem WithCommand(string program, int exitCode, string stdout, string stderr = "") =>
        WithCommand(program, _ => new CommandResult(exitCode, stdout, stderr));

    /// <inheritdoc />
    public EntryKind GetEntryKind(string path)
    {
        ThrowIfFailing(path);
        return _directories.Contains(path.TrimEnd('/')) ? EntryKind.Directory : _files.ContainsKey(path) ? EntryKind.File : EntryKind.Missing;
    }

    /// <inheritdoc />
    public string ReadFile(string path)
    {
        // Locked: plugins' checks may read while the built-in ones do.
        lock (_reads)
        {
            _reads.Add(path);
        }

        ThrowIfFailing(path);
        if (_directories.Contains(path))
        {
            throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.");
        }

        return _files.TryGetValue(path, out var content) ? content : throw new FileNotFoundException($"Could not find file '{path}'.", path);
    }

    /// <inheritdoc />
    public IReadOnlyList<DirectoryEntry> ListDirectory(string path)
    {
        ThrowIfFailing(path);
        var directory = path.TrimEnd('/');
        if (!_directories.Contains(directory.Length == 0 ? "/" : directory))
        {
            throw new DirectoryNotFoundException($"Could not find a part of the path '{path}'.");
        }

        var prefix = directory + "/";
        var children = _files.Keys.Select(f => (Path: f, Kind: EntryKind.File))
            .Concat(_directories.Select(d => (Path: d, Kind: EntryKind.Directory)))
            .Concat(_failures.Keys.Select(f => (Path: f, Kind: EntryKind.Other)))
            .Where(e => e.Path.StartsWith(prefix, StringComparison.Ordinal) && e.Path.Length > prefix.Length && !e.Path[prefix.Length..].Contains('/', StringComparison.Ordinal))
            .GroupBy(e => e.Path[prefix.Length..], StringComparer.Ordinal)
            // Files come first in the sequence, so a name that is not a directory takes the file's kind over an injected failure's.
            .Select(g => new DirectoryEntry(g.Key, g.Any(e => e.Kind == EntryKind.Directory) ? EntryKind.Directory : g.First().Kind))
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
        return children;
    }

    /// <inheritdoc />
    public void WriteFile(string path, string content)
    {
        if (IsReadOnly)
        {
            throw new ReadOnlyTargetException($"target {Name} is read-only: cannot write {path}");
        }

        ThrowIfFailing(path);
        _writes.Add((path, content));
        _files[path] = content;
    }

    /// <inheritdoc />
    public CommandResult Run(CommandSpec command, CancellationToken cancellationToken = default)
    {
        _commands.Add(command);
        if (command.Mutates && IsReadOnly)
        {
            throw new ReadOnlyTargetException($"target {Name} is read-only: refusing to run {command}");
        }

        foreach (var handler in _handlers)
        {
            if (handler(command) is { } result)
            {
                return result;
            }
        }

        throw new CommandUnavailableException($"{command.Program} is not installed or cannot be started (fake target)");
    }

    /// <summary>Appends like a real target: a torn last line (no final newline) is closed first.</summary>
    public void AppendLine(string path, string line)
    {
        if (IsReadOnly)
        {
            throw new ReadOnlyTargetException($"target {Name} is read-only: cannot append to {path}");
        }

        ThrowIfFailing(path);
        var content = _files.GetValueOrDefault(path, "");
        WithFile(path, content + (content.Length > 0 && !content.EndsWith('\n') ? "\n" : "") + line + "\n");
    }

    /// <summary>Free locks are taken at once; a lock held (<see cref="WithLockHeld"/>) stays held for any wait.</summary>
    public IDisposable? Lock(string path, string holder, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        if (IsReadOnly)
        {
            throw new ReadOnlyTargetException($"target {Name} is read-only: it takes no lock ({path})");
        }

        ThrowIfFailing(path);
        cancellationToken.ThrowIfCancellationRequested();
        if (_locks.ContainsKey(path))
        {
            return null;
        }

        _locks[path] = holder;
        _locksTaken.Add(path);
        WithFile(path + ".holder", holder + "\n");
        return new Release(() => _locks.Remove(path));
    }

    private sealed class Release(Action release) : IDisposable
    {
        public void Dispose() => release();
    }

    private void ThrowIfFailing(string path)
    {
        if (_failures.TryGetValue(path, out var failure))
        {
            throw failure;
        }
    }

    private void AddParents(string path)
    {
        var parent = Path.GetDirectoryName(path.TrimEnd('/'));
        while (!string.IsNullOrEmpty(parent) && _directories.Add(parent))
        {
            parent = Path.GetDirectoryName(parent);
        }
    }
}
