using KpatchScript.Status;

namespace KpatchScript;

/// <summary>What scripts, the CLI and plugins use to look at and act on kernel live patching.</summary>
public interface IKpatchFacade
{
    /// <summary>The target this facade works on.</summary>
    string Target { get; }

    /// <summary>
    /// Reads the host's live-patching status. Never throws for what it cannot read: such values
    /// are unknown with a reason.
    /// </summary>
    Task<HostStatus> DetectAsync(CancellationToken cancellationToken = default);
}
