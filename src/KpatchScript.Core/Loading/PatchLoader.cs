using KpatchScript.Detection;
using KpatchScript.Host;
using KpatchScript.Operations;
using KpatchScript.Parsing;
using KpatchScript.Status;

namespace KpatchScript.Loading;

/// <summary>
/// Loads a live patch module. Everything that can be known before the kernel is asked (the file,
/// its vermagic, that it is a livepatch module, that the kernel has livepatch) is checked first,
/// so a wrong module is refused with a reason instead of an insmod error code.
/// </summary>
internal sealed class PatchLoader(IHostSystem host, TimeProvider time, KpatchSettings settings)
{
    /// <summary>kpatch's MAX_LOAD_ATTEMPTS and RETRY_INTERVAL for "Device or resource busy".</summary>
    private const int BusyAttempts = 5;
    private static readonly TimeSpan BusyRetry = TimeSpan.FromSeconds(2);

    public OperationResult Load(string path, LoadOptions options, CancellationToken cancellationToken)
    {
        var reader = new HostReader(host, cancellationToken);
        var running = reader.ReadValue(KnownPaths.OsRelease);
        var (info, refusal) = Examine(reader, path, running);
        if (refusal is not null)
        {
            return Refused(path, refusal);
        }

        var name = info.Name ?? ModuleNames.FromPath(path);
        var directory = $"{KnownPaths.Livepatch}/{name}";
        var timeout = options.TransitionTimeout ?? settings.TransitionThreshold;
        var cli = KpatchToolingDetector.FindCli(reader);
        var plan = new List<string>();
        var commands = new List<CommandSpec>();
        if (reader.Kind(directory) == EntryKind.Directory)
        {
            var enabled = reader.ReadFlag($"{directory}/enabled");
            if (enabled is not { IsKnown: true, Value: true })
            {
                return Refused(path, enabled.IsKnown
                    ? $"{name} is being disabled (its transition reverts it); wait until it is gone from {KnownPaths.Livepatch}, then load it again"
                    : $"{name} is loaded but its state cannot be read: {enabled.UnknownReason}");
            }

            plan.Add($"{name} is already loaded and enabled");
        }
        else if (cli is not null)
        {
            commands.Add(ModuleCommands.KpatchLoad(cli, path));
            plan.Add($"run {commands[^1]} (kpatch waits for the transition itself, and reverses it if it stalls)");
        }
        else
        {
            // A module left loaded after being disabled or replaced blocks insmod of the same name (kpatch does the same).
            if (reader.Kind($"/sys/module/{name}") == EntryKind.Directory)
            {
                commands.Add(ModuleCommands.Rmmod(name));
                plan.Add($"remove the leftover disabled module: {commands[^1]}");
            }

            commands.Add(ModuleCommands.Insmod(path));
            plan.Add($"load it: {commands[^1]} (retried up to {BusyAttempts} times while another patch is in transition)");
        }

        plan.Add($"wait up to {timeout.TotalSeconds:0} s for the transition of {name}" + (options.RevertOnStall ? "; if it stalls, reverse it and remove the module" : "; if it stalls, report the tasks it waits for"));
        var record = new OperationRecord("load", host.Name, InstallRoot: null, running.Value, commands);
        return new OperationRunner(host, time, settings.LockWait, settings.StateDirectory).Run(record, options.DryRun, plan, token =>
        {
            foreach (var command in commands)
            {
                options.Progress?.Report(command.ToString());
                var result = RunWithBusyRetry(command, options.Progress);
                if (!result.Succeeded && command.Program == "rmmod")
                {
                    return $"{name} is loaded but disabled and cannot be removed ({result.FirstErrorLine}); a forced transition makes that permanent until reboot";
                }

                if (!result.Succeeded)
                {
                    return command.Program == "insmod" ? ModuleCommands.InsmodFailure(path, result) : $"{command} failed: {result.FirstErrorLine}";
                }
            }

            var waiter = new TransitionWaiter(reader, time, options.Progress);
            var stalled = waiter.Wait(name, TransitionWaiter.Goal.Patched, timeout, token);
            if (stalled is null || !options.RevertOnStall)
            {
                return stalled is null ? null : $"{stalled}; {name} stays loaded in transition: release those tasks, or reverse it with 'kpatch-script unload {name} --i-understand-this-is-unsupported'";
            }

            options.Progress?.Report($"{name}: reversing the stalled transition");
            var reverted = new PatchUnloader(host, time, settings).Revert(reader, name, timeout, options.Progress, token);
            return $"{stalled}; {(reverted is null ? $"the load was reversed and {name} removed" : $"reversing it failed too: {reverted}")}";
        }, cancellationToken);
    }

    /// <summary>
    /// Reads the module once (over ssh a .ko is hundreds of kilobytes) and says why it cannot be
    /// loaded at all; the refusal is null when it can, and then the module's info is known.
    /// </summary>
    private static (ModuleInfo Info, string? Refusal) Examine(HostReader reader, string path, Reading<string> running)
    {
        var none = new ModuleInfo(null, false, null, false);
        if (!path.StartsWith('/'))
        {
            return (none, $"'{path}' is not an absolute path: name the .ko file as it is on the target");
        }

        var text = reader.ReadText(path);
        if (!text.IsKnown)
        {
            return (none, text.UnknownReason);
        }

        var info = ModuleInfo.Read(text.Value!);
        string? refusal = info switch
        {
            { Vermagic: null } => $"{path} is not a kernel module (it has no vermagic)",
            { Livepatch: false } => $"{path} is not a live patch module (its modinfo has no 'livepatch: Y'); load ordinary modules with modprobe",
            _ when !running.IsKnown => $"the running kernel is unknown ({running.UnknownReason}), so the module cannot be matched to it",
            _ when info.KernelRelease != running.Value =>
                $"{path} is built for kernel {info.KernelRelease}, but {running.Value} is running: install the patch built for {running.Value} ('kpatch-script available' lists it)",
            _ when reader.Kind(KnownPaths.Livepatch) != EntryKind.Directory => $"{KnownPaths.Livepatch} does not exist: the running kernel cannot load live patches",
            _ => null,
        };
        return (info, refusal);
    }

    private CommandResult RunWithBusyRetry(CommandSpec command, IProgress<string>? progress)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Not cancelled midway: a half-finished insmod leaves nothing to clean up, but a killed one leaves doubt.
            var result = host.Run(command, CancellationToken.None);
            if (command.Program != "insmod" || !ModuleCommands.IsBusy(result) || attempt == BusyAttempts)
            {
                return result;
            }

            progress?.Report($"another patch is in transition; retrying in {BusyRetry.TotalSeconds:0} s ({attempt} of {BusyAttempts})");
            Task.Delay(BusyRetry, time).GetAwaiter().GetResult();
        }
    }

    private OperationResult Refused(string path, string error) =>
        new("load", host.Name, OperationOutcome.Failed, [], $"cannot load {path}: {error}", TimeSpan.Zero);
}
