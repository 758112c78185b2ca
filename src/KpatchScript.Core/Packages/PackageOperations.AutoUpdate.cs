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

        var steps = Steps(choice, options, release);
        var commands = steps.Select(s => s.Command).ToList();
        var dnf = KpatchToolingDetector.DetectDnf(new HostReader(RootHost(options), cancellationToken));
        if (dnf is not { IsKnown: true, Value.Installed: true })
        {
            return Refused(operation, commands, "kpatch-dnf is not installed: install the kpatch-dnf package (dnf install kpatch-dnf), which provides 'dnf kpatch auto|manual'");
        }

        // The runner judges results in the order it runs the commands: the next step says whose result it is.
        var next = 0;
        var record = new OperationRecord(operation, host.Name, options.InstallRoot, release, commands);
        return Runner().Run(record, options.DryRun, (result, _) => steps[next++].FailureOf(result) is { } failure ? WorkOutcome.Failed(failure) : WorkOutcome.Done, cancellationToken);
    }

    /// <summary>The commands of <paramref name="choice"/>, each with how its failure reads.</summary>
    private static List<(CommandSpec Command, Func<CommandResult, string?> FailureOf)> Steps(AutoUpdateChoice choice, PackageOptions options, string? release)
    {
        var steps = new List<(CommandSpec, Func<CommandResult, string?>)>();
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
}
