using KpatchScript.Modules;
using KpatchScript.Operations;
using KpatchScript.Status;
using KpatchScript.Verification;

namespace KpatchScript.ScriptRuns;

/// <summary>
/// The facade of a script run with --dry-run: reads go through, every call that would change the
/// host runs as a dry run and prints its plan, so a workflow can be rehearsed end to end.
/// </summary>
internal sealed class DryRunFacade(IKpatchFacade inner, TextWriter output) : IKpatchFacade, IVerifyNow
{
    public string Target => inner.Target;

    public Task<HostStatus> DetectAsync(CancellationToken cancellationToken = default) => inner.DetectAsync(cancellationToken);

    public Task<VerificationReport> VerifyAsync(CancellationToken cancellationToken = default) => inner.VerifyAsync(cancellationToken);

    public Task<Reading<IReadOnlyList<AvailablePatch>>> ListAvailableAsync(PackageOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.ListAvailableAsync(options, cancellationToken);

    public VerificationReport VerifyNow(HostStatus status, CancellationToken cancellationToken = default) =>
        inner is IVerifyNow now ? now.VerifyNow(status, cancellationToken) : inner.VerifyAsync(cancellationToken).GetAwaiter().GetResult();

    public async Task<OperationResult> InstallAsync(PackageOptions? options = null, CancellationToken cancellationToken = default) =>
        Print(await inner.InstallAsync((options ?? new PackageOptions()) with { DryRun = true }, cancellationToken));

    public async Task<OperationResult> UpdateAsync(PackageOptions? options = null, CancellationToken cancellationToken = default) =>
        Print(await inner.UpdateAsync((options ?? new PackageOptions()) with { DryRun = true }, cancellationToken));

    public async Task<OperationResult> RemoveAsync(PackageOptions? options = null, CancellationToken cancellationToken = default) =>
        Print(await inner.RemoveAsync((options ?? new PackageOptions()) with { DryRun = true }, cancellationToken));

    public async Task<OperationResult> DowngradeAsync(PackageOptions? options = null, string? toVersion = null, CancellationToken cancellationToken = default) =>
        Print(await inner.DowngradeAsync((options ?? new PackageOptions()) with { DryRun = true }, toVersion, cancellationToken));

    public async Task<OperationResult> SetAutoUpdateAsync(bool enabled, PackageOptions? options = null, CancellationToken cancellationToken = default) =>
        Print(await inner.SetAutoUpdateAsync(enabled, (options ?? new PackageOptions()) with { DryRun = true }, cancellationToken));

    public async Task<OperationResult> SetAutoUpdateAsync(AutoUpdateChoice choice, PackageOptions? options = null, CancellationToken cancellationToken = default) =>
        Print(await inner.SetAutoUpdateAsync(choice, (options ?? new PackageOptions()) with { DryRun = true }, cancellationToken));

    public async Task<OperationResult> LoadAsync(string modulePath, LoadOptions? options = null, CancellationToken cancellationToken = default) =>
        Print(await inner.LoadAsync(modulePath, (options ?? new LoadOptions()) with { DryRun = true }, cancellationToken));

    public async Task<OperationResult> UnloadAsync(string patch, RevertAcknowledgement acknowledgement, UnloadOptions? options = null, CancellationToken cancellationToken = default) =>
        Print(await inner.UnloadAsync(patch, acknowledgement, (options ?? new UnloadOptions()) with { DryRun = true }, cancellationToken));

    public async Task<OperationResult> LoadAllAsync(LoadOptions? options = null, CancellationToken cancellationToken = default) =>
        Print(await inner.LoadAllAsync((options ?? new LoadOptions()) with { DryRun = true }, cancellationToken));

    public async Task<OperationResult> UnloadAllAsync(RevertAcknowledgement acknowledgement, UnloadOptions? options = null, CancellationToken cancellationToken = default) =>
        Print(await inner.UnloadAllAsync(acknowledgement, (options ?? new UnloadOptions()) with { DryRun = true }, cancellationToken));

    public Task<Reading<PatchModuleDetails>> InfoAsync(string patchModule, CancellationToken cancellationToken = default) => inner.InfoAsync(patchModule, cancellationToken);

    private OperationResult Print(OperationResult result)
    {
        if (result.Outcome == OperationOutcome.Unchanged)
        {
            output.WriteLine($"dry run: {result.Operation} on {result.Target}: nothing to do: {result.Detail}");
        }
        else if (result.Outcome == OperationOutcome.Planned)
        {
            output.WriteLine($"dry run: {result.Operation} on {result.Target} would:");
            foreach (var step in result.Plan.Count > 0 ? result.Plan : result.Commands.Select(c => c.ToString()))
            {
                output.WriteLine("  " + step);
            }

            if (result.Detail is { } detail)
            {
                output.WriteLine("  " + detail);
            }
        }
        else
        {
            output.WriteLine($"dry run: {result.Operation} on {result.Target} refused: {result.Error}");
        }

        return result;
    }
}
