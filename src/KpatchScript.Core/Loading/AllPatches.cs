using KpatchScript.Detection;
using KpatchScript.Host;
using KpatchScript.Operations;
using KpatchScript.Status;

namespace KpatchScript.Loading;

/// <summary>
/// <c>load --all</c> and <c>unload --all</c>, as kpatch does them (kpatch.md 1.6, 1.7): every module
/// installed for the running kernel loaded in glob order, stopping at the first failure (the rest
/// are named as not tried); every patch in /sys/kernel/livepatch reverted, newest first. Each module
/// goes through <see cref="PatchLoader"/> / <see cref="PatchUnloader"/>, so each takes the host lock
/// and writes its own journal record, and a dry run changes nothing.
/// </summary>
internal sealed class AllPatches(IHostSystem host, TimeProvider time, KpatchSettings settings)
{
    public const string LoadOperation = "load --all";
    public const string UnloadOperation = "unload --all";

    public OperationResult LoadAll(LoadOptions options, CancellationToken cancellationToken)
    {
        var reader = new HostReader(host, cancellationToken);
        var running = reader.ReadValue(KnownPaths.OsRelease);
        if (!running.IsKnown)
        {
            return Failed(LoadOperation, $"cannot tell which modules are installed for the running kernel: {running.UnknownReason}");
        }

        // Detection's list, so load --all loads what status calls installed; an unreadable directory fails instead of reading as empty.
        var detected = KpatchToolingDetector.DetectModules(reader, running, Reading.Unknown<IReadOnlyList<LivepatchPatch>>("not needed"));
        if (!detected.IsKnown)
        {
            return Failed(LoadOperation, $"cannot tell which modules are installed for the running kernel: {detected.UnknownReason}");
        }

        var modules = InstalledModules.ForRunningKernel(detected.Value!, distinctNames: true).ConvertAll(m => m.Path);
        if (modules.Count == 0)
        {
            return new(LoadOperation, host.Name, OperationOutcome.Unchanged, [], null, TimeSpan.Zero)
            {
                Detail = $"no patch module is installed for {running.Value} (in {string.Join(" or ", Array.ConvertAll(KnownPaths.ModuleDirectories, d => $"{d}/{running.Value}"))})",
            };
        }

        return Each(LoadOperation, modules, path => new PatchLoader(host, time, settings).Load(path, options, cancellationToken), options.DryRun);
    }

    public OperationResult UnloadAll(RevertAcknowledgement acknowledgement, UnloadOptions options, CancellationToken cancellationToken)
    {
        if (acknowledgement != RevertAcknowledgement.RevertingWithoutRebootIsUnsupported)
        {
            return Failed(UnloadOperation, $"cannot unload all patches: {PatchUnloader.Unsupported}. Nothing was changed; to revert anyway, acknowledge it (CLI: --i-understand-this-is-unsupported)");
        }

        var reader = new HostReader(host, cancellationToken);
        var entries = reader.List(KnownPaths.Livepatch);
        if (!entries.IsKnown)
        {
            return Failed(UnloadOperation, $"cannot list the loaded patches: {entries.UnknownReason}");
        }

        var patches = HostReader.Directories(entries.Value!).ConvertAll(e => e.Name);
        if (patches.Count == 0)
        {
            return new(UnloadOperation, host.Name, OperationOutcome.Unchanged, [], null, TimeSpan.Zero) { Detail = "no live patch is loaded" };
        }

        // Newest first: the kernel's stack order where it has one (6.13+), else the reverse of the directory order.
        var order = patches.ConvertAll(p => (Name: p, Order: reader.ReadOptional($"{KnownPaths.Livepatch}/{p}/stack_order", reader.ReadInt32)?.GetValueOrDefault(0) ?? 0));
        order.Reverse();
        order = [.. order.OrderByDescending(p => p.Order)];
        return Each(UnloadOperation, order.ConvertAll(p => p.Name), name => new PatchUnloader(host, time, settings).Unload(name, acknowledgement, options, cancellationToken), options.DryRun);
    }

    /// <summary>Runs <paramref name="one"/> for each item in order and sums up; the first failure stops it, naming what was not tried.</summary>
    private OperationResult Each(string operation, List<string> items, Func<string, OperationResult> one, bool dryRun)
    {
        var commands = new List<CommandSpec>();
        var plan = new List<string>();
        var done = new List<string>();
        var unchanged = 0;
        var duration = TimeSpan.Zero;
        for (var i = 0; i < items.Count; i++)
        {
            var result = one(items[i]);
            commands.AddRange(result.Commands);
            plan.AddRange(result.Plan.Count > 0 ? [.. result.Plan.Select(step => $"{items[i]}: {step}")] : []);
            duration += result.Duration;
            if (!result.Succeeded)
            {
                var rest = items.Count - i - 1;
                var notTried = rest == 0 ? "" : $"; not tried: {string.Join(", ", items.Skip(i + 1))}";
                var before = done.Count == 0 ? "" : $" ({string.Join(", ", done)} done before it)";
                return new(operation, host.Name, OperationOutcome.Failed, commands, $"{result.Error}{before}{notTried}", duration) { Plan = plan };
            }

            unchanged += result.Outcome == OperationOutcome.Unchanged ? 1 : 0;
            done.Add(items[i]);
        }

        var outcome = dryRun ? OperationOutcome.Planned : unchanged == items.Count ? OperationOutcome.Unchanged : OperationOutcome.Succeeded;
        return new(operation, host.Name, outcome, commands, null, duration) { Plan = plan, Detail = $"{items.Count} module(s): {string.Join(", ", items)}" };
    }

    private OperationResult Failed(string operation, string error) => new(operation, host.Name, OperationOutcome.Failed, [], error, TimeSpan.Zero);
}
