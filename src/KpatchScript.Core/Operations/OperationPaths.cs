using KpatchScript.Host;

namespace KpatchScript.Operations;

/// <summary>
/// Where a host keeps the lock and the audit journal of kpatch-script's changes: one place per
/// host, on the host itself, so two admins on two machines meet at the same lock and every
/// reader (<c>journal</c>, <c>report</c>, the Cockpit panel) sees the journal the writers wrote.
/// </summary>
public sealed record OperationPaths(string LockFile, string JournalFile)
{
    public const string LockRelative = "run/lock/kpatch-script.lock";
    public const string JournalRelative = "var/log/kpatch-script/journal.jsonl";

    /// <summary>The files under <paramref name="root"/> (null or empty: <c>/</c>), as paths on the target.</summary>
    public static OperationPaths For(string? root)
    {
        var prefix = string.IsNullOrEmpty(root) ? "/" : root.TrimEnd('/') + "/";
        return new OperationPaths(prefix + LockRelative, prefix + JournalRelative);
    }

    /// <summary>The files of the host that <paramref name="target"/> (and, for package operations, <paramref name="installRoot"/>) stands for: see <see cref="RootOf"/>.</summary>
    public static OperationPaths On(IHostSystem target, string? installRoot, string? stateDirectory) =>
        For(RootOf(target, installRoot, stateDirectory));

    /// <summary>
    /// The one rule, for writers and readers alike, of the root (a path on the target) those files
    /// live under:
    /// a read-only target (<c>sysroot:DIR</c>) is a captured host, so its own <c>/</c>: the tree's
    /// journal, read from the tree (it is never locked: changes are refused);
    /// an install root (dnf <c>--installroot DIR</c>) is a host tree of its own, so <c>DIR</c>;
    /// this machine (<c>local</c>) keeps them under <c>state_directory</c> (default <c>/</c>);
    /// any other target (<c>ssh://</c>) under its own <c>/</c>, whatever this machine's
    /// <c>state_directory</c> says, so every machine that reaches it meets the same lock.
    /// </summary>
    public static string RootOf(IHostSystem target, string? installRoot, string? stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.IsReadOnly)
        {
            return "/";
        }

        if (!string.IsNullOrEmpty(installRoot))
        {
            return installRoot;
        }

        return target.Name == "local" && !string.IsNullOrEmpty(stateDirectory) ? stateDirectory : "/";
    }
}
