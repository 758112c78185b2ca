namespace KpatchScript.TestFixtures;

/// <summary>POSIX shell quoting for the scripts and command lines tests write.</summary>
public static class PosixShell
{
    /// <summary>One word for sh, whatever it holds: single-quoted, each <c>'</c> as <c>'\''</c>.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
