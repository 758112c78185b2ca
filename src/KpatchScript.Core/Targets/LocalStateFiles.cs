using System.Diagnostics;
using System.Text;
using KpatchScript.Host;

namespace KpatchScript.Targets;

/// <summary>
/// The host lock and the journal append on this machine (<see cref="IHostSystem.Lock"/>,
/// <see cref="IHostSystem.AppendLine"/> of <see cref="LocalHostSystem"/>).
/// </summary>
internal static class LocalStateFiles
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>What .NET on Linux reports when flock finds the file locked: EWOULDBLOCK (11) as the HResult.</summary>
    private const int WouldBlock = 11;

    /// <summary>
    /// .NET does not open files with O_APPEND (FileMode.Append seeks to the end), so the line is
    /// written with one positioned write at the end, which the host lock keeps free of other writers.
    /// A torn last line (no final newline) is closed first, in that same write.
    /// </summary>
    public static void AppendLine(string path, string line)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
            var length = file.Length;
            var torn = false;
            if (length > 0)
            {
                file.Position = length - 1;
                torn = file.ReadByte() != '\n';
            }

            file.Position = length;
            file.Write(Encoding.UTF8.GetBytes((torn ? "\n" : "") + line + "\n"));
            file.Flush(flushToDisk: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HostSystemException($"cannot append to {path}: {ex.Message}");
        }
    }

    /// <summary>An advisory flock: .NET takes flock(LOCK_EX) for FileShare.None on Linux.</summary>
    public static IDisposable? Lock(string path, string holder, TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HostSystemException($"cannot create the lock {path}: {ex.Message} (changes need root)");
        }

        var waited = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                // The locked file itself cannot be read by another .NET process (it takes
                // flock(LOCK_SH) to open it), so who holds it is said next to it.
                File.WriteAllText(path + ".holder", holder + "\n");
                return stream;
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new HostSystemException($"cannot open the lock {path}: {ex.Message} (changes need root)");
            }
            catch (IOException ex) when (ex.HResult != WouldBlock)
            {
                throw new HostSystemException($"cannot open the lock {path}: {ex.Message}");
            }
            catch (IOException) when (waited.Elapsed < wait)
            {
                Thread.Sleep(PollInterval);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }
}
