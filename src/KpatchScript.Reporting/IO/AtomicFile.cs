namespace KpatchScript.Reporting.IO;

/// <summary>
/// Writes a file whole or not at all: into a temporary file in the same directory, flushed, then
/// renamed over the target (rename is atomic within a file system). A reader sees the old content
/// or the new, never half of it; a failure leaves the old file as it was and no temporary behind.
/// </summary>
public static class AtomicFile
{
    /// <exception cref="IOException">The directory does not exist or cannot be written (the message names the file).</exception>
    public static void Write(string path, string content)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(content);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new IOException($"cannot write {full}: {ex.Message}", ex);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the write already failed and says so.
        }
    }
}
