using KpatchScript.Status;

namespace KpatchScript.Cli.Output;

/// <summary>
/// A tree with neither a kernel release nor an os-release is not a host: commands say so in one
/// line instead of a page of unknowns (and verify answers Nagios UNKNOWN, not a verdict).
/// </summary>
internal static class HostCheck
{
    /// <summary>Why <paramref name="status"/> does not describe a host; null when it does.</summary>
    public static string? NotAHost(HostStatus status, string target) =>
        !status.Kernel.Running.IsKnown && !status.Host.Os.IsKnown
            ? $"{target} does not look like a host: {status.Kernel.Running.UnknownReason}, and {status.Host.Os.UnknownReason}"
            : null;
}
