namespace KpatchScript.Cli.Workflows;

/// <summary>One workflow script: its name (the file name without <c>.csx</c>), its full path and the first comment line as its description.</summary>
internal sealed record Workflow(string Name, string Path, string? Description);

/// <summary>The workflows directory read: whether it exists and the <c>*.csx</c> scripts in it, by name.</summary>
internal sealed record WorkflowListing(string Directory, bool Exists, IReadOnlyList<Workflow> Workflows);

/// <summary>
/// Lists the workflow scripts of a directory (not its subdirectories: a <c>#load</c>ed helper
/// kept in one is not a workflow to offer). The files are scripts of this machine's administrator,
/// read on this machine, never on a target.
/// </summary>
internal static class WorkflowCatalog
{
    // Enough for a shebang and a comment block; a description further down is not one.
    private const int HeaderLines = 40;

    /// <exception cref="Host.HostSystemException">The directory exists but cannot be listed.</exception>
    public static WorkflowListing List(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            return new WorkflowListing(directory, Exists: false, []);
        }

        string[] files;
        try
        {
            files = System.IO.Directory.GetFiles(directory, "*.csx");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new Host.HostSystemException($"workflows directory {directory} cannot be listed: {ex.Message}");
        }

        Array.Sort(files, StringComparer.Ordinal);
        return new WorkflowListing(directory, Exists: true, [.. files.Select(f => new Workflow(System.IO.Path.GetFileNameWithoutExtension(f), f, Describe(f)))]);
    }

    /// <summary>
    /// The first non-empty <c>//</c> comment line of the script's header (after a <c>#!</c> line
    /// and blank lines, before the first line of code or directive); null when it has none or the
    /// file cannot be read (the workflow is still listed: running it will say what is wrong).
    /// </summary>
    internal static string? Describe(string file)
    {
        try
        {
            // A FIFO or a device among the scripts is refused (IOException), never waited on.
            using var reader = new StreamReader(KpatchScript.IO.BoundedFile.OpenRead(file, KpatchScript.IO.ReadLimits.Script));
            for (var i = 0; i < HeaderLines && reader.ReadLine() is { } raw; i++)
            {
                var line = raw.Trim();
                if (line.Length == 0 || line.StartsWith("#!", StringComparison.Ordinal))
                {
                    continue;
                }

                if (!line.StartsWith("//", StringComparison.Ordinal))
                {
                    return null;
                }

                if (line.TrimStart('/').Trim() is { Length: > 0 } text)
                {
                    return text;
                }
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
