namespace KpatchScript.Operations;

/// <summary>
/// Where mutating operations keep their lock and their audit journal: under the root they change
/// (the host's <c>/</c>, or the dnf installroot), so two runs against the same rpm database
/// always meet at the same lock.
/// </summary>
public sealed record OperationPaths(string LockFile, string JournalFile)
{
    public const string LockRelative = "run/lock/kpatch-script.lock";
    public const string JournalRelative = "var/log/kpatch-script/journal.jsonl";

    public static OperationPaths For(string? installRoot)
    {
        var root = string.IsNullOrEmpty(installRoot) ? "/" : installRoot.TrimEnd('/') + "/";
        return new OperationPaths(root + LockRelative, root + JournalRelative);
    }
}
