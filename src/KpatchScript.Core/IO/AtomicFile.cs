namespace KpatchScript.IO;

/// <summary>
/// Writes a file whole or not at all: into a temporary file in the same directory, flushed, then
/// renamed over the target (rename is atomic within a file system). A reader sees the old content
/// or the new, never half of it; a failure leaves the old file as it was and no temporary behind.
/// A process killed mid-write does leave its temporary: the next write removes those whose writer
/// is gone (the process id is in the name).
/// </summary>
public static class AtomicFile
{
    /// <exception cref="IOException">The directory does not exist or cannot be written (the message names the file).</exception>
    public static void Write(string path, string content) => Write(path, (TextWriter writer) => writer.Write(content));

    /// <summary>Writes what <paramref name="write"/> writes, as it writes it (a large report is never one string), whole or not at all.</summary>
    /// <exception cref="IOException">The directory does not exist or cannot be written (the message names the file).</exception>
    public static void Write(string path, Action<TextWriter> write) => Write(path, (Stream stream) =>
    {
        using var writer = new StreamWriter(stream, leaveOpen: true);
        write(writer);
    });

    /// <summary>Writes the bytes <paramref name="write"/> writes to the stream, whole or not at all.</summary>
    /// <exception cref="IOException">The directory does not exist or cannot be written (the message names the file).</exception>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        RemoveLeftovers(directory, Path.GetFileName(full));
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new IOException($"cannot write {full}: {ex.Message}", ex);
        }
        catch
        {
            // A render that fails half-way (a template error) leaves no temporary either; the error is the caller's.
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Temporaries of earlier writes of this file whose process has ended; another live writer's are left alone.</summary>
    private static void RemoveLeftovers(string directory, string name)
    {
        var prefix = "." + name + ".";
        string[] candidates;
        try
        {
            candidates = Directory.GetFiles(directory, prefix + "*.tmp");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return; // the write itself will say what is wrong with the directory
        }

        foreach (var candidate in candidates)
        {
            // .NAME.PID.GUID.tmp
            var parts = Path.GetFileName(candidate)[prefix.Length..].Split('.');
            if (parts.Length == 3 && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
                && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}"))
            {
                TryDelete(candidate);
            }
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
