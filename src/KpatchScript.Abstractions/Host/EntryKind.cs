namespace KpatchScript.Host;

/// <summary>What a path names on a target. Symbolic links are followed.</summary>
public enum EntryKind
{
    /// <summary>Nothing exists at the path.</summary>
    Missing,

    /// <summary>A regular file (sysfs attributes are files).</summary>
    File,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A device, socket, FIFO or a link that cannot be resolved.</summary>
    Other,
}
