namespace KpatchScript.PluginHosting.Security;

/// <summary>
/// Whether root may load from a path: its real path (every link resolved) must pass
/// <see cref="FileOwnership.Problem"/>, and every directory above the real path, up to <c>/</c>,
/// <see cref="FileOwnership.AncestorProblem"/>. Whoever can write a directory on the way can
/// rename what is below it; the directories on the way of a path that still holds a link are not
/// the ones a later lookup walks. Once a real path passes, nobody but root can change what it
/// names, so loading by that path loads what was checked.
/// </summary>
internal static class TrustedPath
{
    /// <summary>The real path of <paramref name="path"/>, and why root must not load from it (null when it may).</summary>
    public static (string Real, string? Problem) Check(string path)
    {
        string real;
        try
        {
            real = RealPath.Of(path);
        }
        catch (IOException ex)
        {
            return (path, $"{ex.Message}, so it cannot be trusted");
        }

        var problem = FileOwnership.Problem(real) ?? AboveProblem(real);
        return (real, problem is null ? null : Describe(path, real, problem));
    }

    /// <summary>Names the real path when it is not the path given: the problem is often in a directory only the real path goes through.</summary>
    public static string Describe(string path, string real, string problem) =>
        string.Equals(path, real, StringComparison.Ordinal) ? problem : $"{path} (real path {real}): {problem}";

    private static string? AboveProblem(string real)
    {
        for (var parent = Path.GetDirectoryName(real); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (FileOwnership.AncestorProblem(parent) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }
}
