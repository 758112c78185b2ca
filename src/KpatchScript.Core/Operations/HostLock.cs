namespace KpatchScript.Operations;

/// <summary>
/// A host-wide exclusive lock for mutating operations: an advisory lock on a file (.NET takes
/// flock(LOCK_EX) for FileShare.None on Linux). The kernel drops it when the process ends, even
/// on SIGKILL, so no lock is ever left behind. The holder writes its pid next to it
/// (<c>.pid</c>) for the message a waiting run prints: the locked file itself cannot be read by
/// another .NET process, which takes flock(LOCK_SH) to open it.
/// </summary>
internal sealed class HostLock : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>What .NET on Linux reports when flock finds the file locked: EWOULDBLOCK (11) as the HResult.</summary>
    private const int WouldBlock = 11;
    private readonly FileStream _stream;

    private HostLock(FileStream stream) => _stream = stream;

    /// <exception cref="Host.HostSystemException">The lock is still held by another run after <paramref name="wait"/>.</exception>
    public static HostLock Acquire(string path, TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new Host.HostSystemException($"cannot create the lock {path}: {ex.Message} (package operations need root)");
        }

        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                File.WriteAllText(path + ".pid", Environment.ProcessId + "\n");
                return new HostLock(stream);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new Host.HostSystemException($"cannot open the lock {path}: {ex.Message} (package operations need root)");
            }
            catch (IOException ex) when (ex.HResult != WouldBlock)
            {
                throw new Host.HostSystemException($"cannot open the lock {path}: {ex.Message}");
            }
            catch (IOException) when (time.GetUtcNow() < deadline)
            {
                Thread.Sleep(PollInterval);
            }
            catch (IOException)
            {
                throw new Host.HostSystemException(
                    $"another kpatch-script operation{Holder(path)} holds {path} and did not finish within {wait.TotalSeconds:0} s; try again when it has finished");
            }
        }
    }

    public void Dispose() => _stream.Dispose();

    private static string Holder(string path)
    {
        try
        {
            var pid = IO.BoundedFile.ReadText(path + ".pid", IO.ReadLimits.Configuration).Trim();
            return pid.Length == 0 || !pid.All(char.IsAsciiDigit) ? "" : $" (pid {pid})";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
