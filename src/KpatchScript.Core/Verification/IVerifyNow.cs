using KpatchScript.Status;

namespace KpatchScript.Verification;

/// <summary>
/// A facade that can verify without watching a transition: a patch in transition is judged as it
/// is at that moment, and its check says so. Reports and alert runs use it; <c>verify</c> watches.
/// </summary>
public interface IVerifyNow
{
    /// <summary>
    /// Verification as of now, over <paramref name="status"/> the caller just detected (so the host
    /// is not read twice): no waiting for a transition to finish.
    /// </summary>
    VerificationReport VerifyNow(HostStatus status, CancellationToken cancellationToken = default);
}
