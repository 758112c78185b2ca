using KpatchScript.Host;

namespace KpatchScript.Targets;

/// <summary>The machine KpatchScript runs on.</summary>
public sealed class LocalHostSystem : IHostSystem
{
    public string Name => "local";

    public bool IsReadOnly => false;

    public Task<EntryKind> GetEntryKindAsync(string path, CancellationToken cancellationToken = default) =>
        Task.FromResult(FileSystemEntries.KindOf(path));

    public async Task<string> ReadFileAsync(string path, CancellationToken cancellationToken = default) =>
        await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);

    public Task<IReadOnlyList<DirectoryEntry>> ListDirectoryAsync(string path, CancellationToken cancellationToken = default) =>
        Task.FromResult(FileSystemEntries.List(path, FileSystemEntries.KindOf));

    public async Task WriteFileAsync(string path, string content, CancellationToken cancellationToken = default) =>
        await File.WriteAllTextAsync(path, content, cancellationToken).ConfigureAwait(false);

    public Task<CommandResult> RunAsync(CommandSpec command, CancellationToken cancellationToken = default) =>
        ProcessRunner.RunAsync(command.Arguments, command.Timeout, cancellationToken);
}
