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

        if (error.StartsWith("larger than ", StringComparison.Ordinal))
        {
            return new IO.FileTooLargeException($"{path} on {target} is {error}, the most kpatch-script reads from such a file: check that it is the right file");
        }

        if (error.Contains("not a regular file", StringComparison.Ordinal))
        {
            return new IO.NotRegularFileException($"{path} on {target} is not a regular file (a FIFO, a device or a socket): name a regular file instead");
        }

        if (error.Contains("Is a directory", StringComparison.Ordinal))
        {
            return new IO.NotRegularFileException($"{path} on {target} is a directory, not a regular file: name a regular file instead");
        }

        return error.Contains("Permission denied", StringComparison.Ordinal)
            ? new UnauthorizedAccessException($"permission denied reading {path} on {target}")
            : new IOException($"{path} on {target}: {error}");
    }
}
