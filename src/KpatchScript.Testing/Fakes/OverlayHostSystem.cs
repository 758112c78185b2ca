using KpatchScript.Host;

namespace KpatchScript.Testing.Fakes;

/// <summary>
/// A real target with a few files replaced, e.g. a different <c>/proc/sys/kernel/osrelease</c>
/// so that real dnf runs for a RHEL kernel on a Debian test machine. Everything else, commands,
/// the lock and the journal included, goes to the real target unchanged.
/// </summary>
public sealed class OverlayHostSystem(IHostSystem inner, IReadOnlyDictionary<string, string> files) : IHostSystem
{
    /// <inheritdoc />
    public string Name => inner.Name;

    /// <inheritdoc />
    public bool IsReadOnly => inner.IsReadOnly;

    /// <inheritdoc />
    public EntryKind GetEntryKind(string path) => files.ContainsKey(path) ? EntryKind.File : inner.GetEntryKind(path);

    /// <inheritdoc />
    public string ReadFile(string path) => files.TryGetValue(path, out var content) ? content : inner.ReadFile(path);

    /// <inheritdoc />
    public IReadOnlyList<DirectoryEntry> ListDirectory(string path) => inner.ListDirectory(path);

    /// <inheritdoc />
    public void WriteFile(string path, string content) => inner.WriteFile(path, content);

    /// <inheritdoc />
    public CommandResult Run(CommandSpec command, CancellationToken cancellationToken = default) => inner.Run(command, cancellationToken);

    /// <inheritdoc />
    public void AppendLine(string path, string line) => inner.AppendLine(path, line);

    /// <inheritdoc />
    public IDisposable? Lock(string path, string holder, TimeSpan wait, CancellationToken cancellationToken = default) =>
        inner.Lock(path, holder, wait, cancellationToken);
}
