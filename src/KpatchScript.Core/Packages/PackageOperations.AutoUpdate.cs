using KpatchScript.Detection;
using KpatchScript.Host;
using KpatchScript.Operations;

namespace KpatchScript.Packages;

/// <summary>kpatch-dnf's choices (Cockpit's "Apply kernel live patches"): one operation, one lock, one journal record.</summary>
internal sealed partial class PackageOperations
{
    public OperationResult SetAutoUpdate(AutoUpdateChoice choice, PackageOptions options, CancellationToken cancellationToken)
    {
        var operation = choice.Enabled ? "auto-update on" : "auto-update off";
        var current = choice.Enabled && choice.Kernels == AutoUpdateKernels.Current;
        string? release = null;
        if (current)
        {
            var running = RunningRelease(options, cancellationToken);
            if (!running.IsKnown)
            {
                return Refused(operation, [], running.UnknownReason!);
            }

            if (KernelReleases.WhyNotRpm(running.Value!) is { } why)
            {
                return Refused(operation, [], why);
            }

            release = running.Value!;
        }

        // Turning it on installs kpatch and kpatch-dnf first when kpatch-dnf is missing, as Cockpit's
        // own page does; turning off what is not there is refused, and so is a kpatch-dnf whose
        // presence cannot be read (an unknown is never taken for either answer).
        var dnf = KpatchToolingDetector.DetectDnf(new HostReader(RootHost(options), cancellationToken));
        var installTooling = choice.Enabled && dnf is { IsKnown: true, Value.Installed: false };
        var steps = Steps(choice, options, release, installTooling);
        var commands = steps.Select(s => s.Command).ToList();
        if (!dnf.IsKnown)
        {
            return Refused(operation, commands, $"whether kpatch-dnf is installed is unknown ({dnf.UnknownReason}); nothing was changed");
        }

        if (!dnf.Value!.Installed && !choice.Enabled)
        {
            return Refused(operation, commands, "kpatch-dnf is not installed, so automatic updates are off already: nothing to turn off (auto-update on installs kpatch and kpatch-dnf)");
        }

        // The runner judges results in the order it runs the commands: the next step says whose result it is.
        var next = 0;
        var record = new OperationRecord(operation, host.Name, options.InstallRoot, release, commands);
        return Runner().Run(record, options.DryRun, (result, _) => steps[next++].FailureOf(result) is { } failure ? WorkOutcome.Failed(failure) : WorkOutcome.Done, cancellationToken);
    }

    /// <summary>The commands of <paramref name="choice"/>, each with how its failure reads.</summary>
    private static List<(CommandSpec Command, Func<CommandResult, string?> FailureOf)> Steps(AutoUpdateChoice choice, PackageOptions options, string? release, bool installTooling)
    {
        var steps = new List<(CommandSpec, Func<CommandResult, string?>)>();
        if (installTooling)
        {
            steps.Add((DnfCommands.InstallTooling(options.InstallRoot, options.Progress), ToolingFailureOf));
        }

        var auto = choice.Enabled && choice.Kernels == AutoUpdateKernels.All;
        steps.Add((DnfCommands.AutoUpdate(options.InstallRoot, auto, options.Progress), result => DnfOutput.FailureOf("kpatch", result)));
        if (release is not null)
        {
            steps.Add((DnfCommands.Install(options.InstallRoot, release, options.Progress), result => DnfOutput.FailureOf("install", result)));
        }

        if (KpatchServiceCommands.Change(options.InstallRoot, choice.ServiceOrDefault) is { } service)
        {
            steps.Add((service, result => KpatchServiceCommands.FailureOf(service, result)));
        }

        return steps;
    }

    /// <summary>dnf's "no match" is about kpatch and kpatch-dnf here, not about a kernel without live patches.</summary>
    private static string? ToolingFailureOf(CommandResult result)
    {
        if (result.Succeeded)
        {
            return null;
        }

        var said = DnfOutput.ErrorLine(result);
        return DnfOutput.FoundNoMatch(said)
            ? $"dnf install kpatch kpatch-dnf: no enabled repository has them ({said}); RHEL ships kpatch in BaseOS and kpatch-dnf in AppStream: enable those repositories, then retry"
            : DnfOutput.FailureOf("install kpatch kpatch-dnf", result);
    }
}
