using KpatchScript.Verification;

namespace KpatchScript.Plugins.Template;

/// <summary>
/// Shown by <c>verify</c> as <c>PluginTemplate:patch-naming</c>. It judges the status the host
/// detected (<see cref="VerificationCheckContext.Status"/>); a check that must read more goes
/// through <see cref="VerificationCheckContext.Host"/>, so it works on sysroot and ssh targets too.
/// </summary>
internal sealed class PatchNamingCheck(string prefix) : IVerificationCheck
{
    public string Name => "patch-naming";

    public Task<VerificationCheck> CheckAsync(VerificationCheckContext context, CancellationToken cancellationToken)
    {
        var patches = context.Status.Livepatch.Patches;
        if (!patches.IsKnown)
        {
            // Unknown is never counted as good: say what could not be read.
            return Result(CheckResult.Skip, $"the loaded patches are unknown: {patches.UnknownReason}");
        }

        var odd = patches.Value!.Where(p => !p.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(p => p.Name).ToList();
        return odd.Count == 0
            ? Result(CheckResult.Pass, $"{patches.Value!.Count} loaded patch(es), all named {prefix}*")
            : Result(CheckResult.Warn, $"not named {prefix}*: {string.Join(", ", odd)}");
    }

    private static Task<VerificationCheck> Result(CheckResult result, string detail) =>
        Task.FromResult(new VerificationCheck("patch-naming", result, detail));
}
