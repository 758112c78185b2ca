namespace KpatchScript.Targets;

/// <summary>Turns a remote tool's error words into what local file access would throw, so callers see one behaviour for every target.</summary>
internal static class SshErrors
{
    public static Exception ForRead(string error, string path, string target)
    {
        if (error.Contains("No such file or directory", StringComparison.Ordinal) || error.Contains("can't cd", StringComparison.Ordinal))
        {
            return new FileNotFoundException($"{path} does not exist on {target}", path);
        }

        return error.Contains("Permission denied", StringComparison.Ordinal)
            ? new UnauthorizedAccessException($"permission denied reading {path} on {target}")
            : new IOException($"{path} on {target}: {error}");
    }
}
