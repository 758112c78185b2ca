using KpatchScript.Verification;

namespace KpatchScript.Plugins;

/// <summary>
/// A site's own verification check, run by <c>verify</c> after the built-in checks. Its result is
/// shown as <c>&lt;Plugin&gt;:&lt;Name&gt;</c>. A check that throws, does not answer within the
/// host's plugin timeout, or misses a dependency is shown as <see cref="CheckResult.Fail"/> with
/// the reason; the other checks still run.
/// </summary>
public interface IVerificationCheck
{
    /// <summary>A short stable name, lower-case with dashes, e.g. <c>site-baseline</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Judges the host. The <see cref="VerificationCheck.Name"/> of the result is replaced by the
    /// host with <c>&lt;Plugin&gt;:&lt;Name&gt;</c>; its result and detail are shown as returned.
    /// </summary>
    Task<VerificationCheck> CheckAsync(VerificationCheckContext context, CancellationToken cancellationToken);
}
