using KpatchScript.Host;

namespace KpatchScript.Operations;

/// <summary>
/// The host-wide exclusive lock of mutating operations, taken on the target
/// (<see cref="IHostSystem.Lock"/>: an advisory flock the target's kernel drops when the holder
/// dies, even on SIGKILL). A run that waits in vain names the holder: its pid, user and machine.
/// </summary>
internal static class HostLock
{
    /// <summary>How a holder is named: the pid alone says little when the holder runs on another machine.</summary>
    public static string Holder => $"pid {Environment.ProcessId} of {Environment.UserName} on {Environment.MachineName}";

    /// <exception cref="HostSystemException">The lock is still held by another run after <paramref name="wait"/>, or cannot be taken.</exception>
    public static IDisposable Acquire(IHostSystem host, string path, TimeSpan wait, CancellationToken cancellationToken) =>
        host.Lock(path, Holder, wait, cancellationToken) ?? throw new HostSystemException(
            $"another kpatch-script operation{HolderOf(host, path)} holds {path}{On(host)} and did not finish within {wait.TotalSeconds:0} s; try again when it has finished");

    /// <summary>" on ssh://…" for a target other than this machine, where the path alone would mislead.</summary>
    public static string On(IHostSystem host) => host.Name == "local" ? "" : $" on {host.Name}";

    private static string HolderOf(IHostSystem host, string path)
    {
        try
        {
            var holder = host.ReadFile(path + ".holder").Split('\n')[0].Trim();
            // Printed as it is, so only a plain line of modest length.
            return holder.Length is 0 or > 200 || holder.Any(c => c < ' ' || c > '~') ? "" : $" ({holder})";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or HostSystemException)
        {
            return "";
        }
    }
}
