using KpatchScript.Host;
using KpatchScript.IO;

namespace KpatchScript.Targets;

/// <summary>The machine KpatchScript runs on.</summary>
public sealed class LocalHostSystem : IHostSystem
{
    public string Name => "local";

    public bool IsReadOnly => false;

    public EntryKind GetEntryKind(string path) => FileSystemEntries.KindOf(path);

    public string ReadFile(string path) => BoundedFile.ReadText(path, ReadLimits.TargetFile);

    public IReadOnlyList<DirectoryEntry> ListDirectory(string path) => FileSystemEntries.List(path, FileSystemEntries.KindOf);

    public void WriteFile(string path, string content) => File.WriteAllText(path, content);

    public CommandResult Run(CommandSpec command, CancellationToken cancellationToken = default) =>
        ProcessRunner.Run(command, cancellationToken);

    public void AppendLine(string path, string line) => LocalStateFiles.AppendLine(path, line);

    public IDisposable? Lock(string path, string holder, TimeSpan wait, CancellationToken cancellationToken = default) =>
        LocalStateFiles.Lock(path, holder, wait, cancellationToken);
}
