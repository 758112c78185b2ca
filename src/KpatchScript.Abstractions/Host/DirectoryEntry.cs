namespace KpatchScript.Host;

/// <summary>One entry of a directory listing.</summary>
/// <param name="Name">The entry's name, without its directory.</param>
/// <param name="Kind">What the entry is, links followed.</param>
public sealed record DirectoryEntry(string Name, EntryKind Kind);
