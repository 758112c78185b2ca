using KpatchScript.Detection;
using KpatchScript.Host;
using KpatchScript.Operations;
using KpatchScript.Parsing;
using KpatchScript.Status;

namespace KpatchScript.Loading;

/// <summary>
/// Reverts a live patch and removes its module: write 0 to <c>enabled</c>, wait for the
/// unpatching transition (on 5.1+ the directory disappears when it is done), then <c>rmmod</c>.
/// Done through sysfs even when the kpatch CLI is installed: RHEL's <c>kpatch unload</c> asks
/// for confirmation on the terminal, and its rmmod failures are ignored (kpatch.md 1.7, 1.10).
/// </summary>
internal sealed class PatchUnloader(IHostSystem host, TimeProvider time, KpatchSettings settings)
{
    public const string Unsupported =
        "Red Hat does not support reverting a live patch without a reboot (KB 2206511); the supported way back is to reboot into a kernel without it";

    /// <summary>How long rmmod keeps trying while the module's reference count drops (kpatch's MODULE_REF_WAIT).</summary>
    private static readonly TimeSpan ReferenceWait = TimeSpan.FromSeconds(15);

    public OperationResult Unload(string module, RevertAcknowledgement acknowledgement, UnloadOptions options, CancellationToken cancellationToken)
    {
        if (acknowledgement != RevertAcknowledgement.RevertingWithoutRebootIsUnsupported)
        {
            return Refused(module, $"{Unsupported}. Nothing was changed; to revert anyway, acknowledge it (CLI: --i-understand-this-is-unsupported)");
        }

        var reader = new HostReader(host, cancellationToken);
        var name = NameOf(reader, module);
        var directory = $"{KnownPaths.Livepatch}/{name}";
        var timeout = options.TransitionTimeout ?? settings.TransitionThreshold;
        var hasPatch = reader.Kind(directory) == EntryKind.Directory;
        var hasModule = reader.Kind($"/sys/module/{name}") == EntryKind.Directory;
        if (!hasPatch && !hasModule)
        {
            return Refused(module, $"{name} is not loaded (no {directory}, no /sys/module/{name})");
        }

        var plan = new List<string>();
        if (hasPatch)
        {
            plan.Add($"disable it: write 0 to {directory}/enabled");
            plan.Add($"wait up to {timeout.TotalSeconds:0} s for the unpatching transition");
        }
        else
        {
            plan.Add($"{name} is already disabled or replaced; only its module is left");
        }

        plan.Add($"remove the module: {ModuleCommands.Rmmod(name)}");
        var record = new OperationRecord("unload", host.Name, InstallRoot: null, reader.ReadValue(KnownPaths.OsRelease).GetValueOrDefault(null), [ModuleCommands.Rmmod(name)]);
        return new OperationRunner(host, time, settings.LockWait, settings.StateDirectory)
            .Run(record, options.DryRun, plan, token => Revert(reader, name, timeout, options.Progress, token), cancellationToken);
    }

    /// <summary>Disables the patch if it is enabled, waits for it, removes the module. Null when done, else one line.</summary>
    public string? Revert(HostReader reader, string name, TimeSpan timeout, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var directory = $"{KnownPaths.Livepatch}/{name}";
        if (reader.Kind(directory) == EntryKind.Directory)
        {
            var enabled = reader.ReadFlag($"{directory}/enabled");
            if (!enabled.IsKnown)
            {
                return $"cannot read {directory}/enabled: {enabled.UnknownReason}";
            }

            if (enabled.Value)
            {
                progress?.Report($"disabling {name}");
                if (Disable(directory) is { } failed)
                {
                    return failed;
                }
            }

            var stalled = new TransitionWaiter(reader, time, progress).Wait(name, TransitionWaiter.Goal.Unpatched, timeout, cancellationToken);
            if (stalled is not null)
            {
                return $"{stalled}; {name} is being disabled and stays loaded until those tasks move on";
            }
        }

        if (reader.Kind($"/sys/module/{name}") != EntryKind.Directory)
        {
            return null;
        }

        progress?.Report($"removing module {name}");
        var started = time.GetUtcNow();
        while (true)
        {
            var result = host.Run(ModuleCommands.Rmmod(name), CancellationToken.None);
            if (result.Succeeded)
            {
                return null;
            }

            // The reference count drops shortly after the transition; anything else will not get better by waiting.
            var busy = result.FirstErrorLine.Contains("in use", StringComparison.Ordinal) || result.FirstErrorLine.Contains("temporarily unavailable", StringComparison.Ordinal);
            if (!busy || time.GetUtcNow() - started >= ReferenceWait)
            {
                return $"{name} is disabled but its module could not be removed: {result.FirstErrorLine} (after a forced transition it stays until reboot)";
            }

            Task.Delay(TransitionWaiter.PollInterval, time, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    /// <summary>Writes 0 to enabled, retrying while another patch is in transition (EBUSY), as kpatch does.</summary>
    private string? Disable(string directory)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                host.WriteFile($"{directory}/enabled", "0");
                return null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (!ex.Message.Contains("busy", StringComparison.OrdinalIgnoreCase) || attempt == 5)
                {
                    return ex is UnauthorizedAccessException
                        ? $"permission denied writing {directory}/enabled (run as root)"
                        : $"cannot disable it through {directory}/enabled: {ex.Message}";
                }
            }

            Task.Delay(TimeSpan.FromSeconds(2), time).GetAwaiter().GetResult();
        }
    }

    /// <summary>A patch name, or a .ko path whose modinfo name is read when the file is there.</summary>
    private static string NameOf(HostReader reader, string module)
    {
        if (module.EndsWith(".ko", StringComparison.Ordinal) && reader.ReadText(module) is { IsKnown: true } text && ModuleInfo.Read(text.Value!).Name is { } name)
        {
            return name;
        }

        return ModuleNames.FromPath(module);
    }

    private OperationResult Refused(string module, string error) =>
        new("unload", host.Name, OperationOutcome.Failed, [], $"cannot unload {module}: {error}", TimeSpan.Zero);
}
