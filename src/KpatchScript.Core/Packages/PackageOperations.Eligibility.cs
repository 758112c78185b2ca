using KpatchScript.Detection;
using KpatchScript.Host;
using KpatchScript.Operations;
using KpatchScript.Parsing;
using KpatchScript.Status;

namespace KpatchScript.Packages;

/// <summary>Whether the running kernel is kpatch-eligible, asked of the repositories (KernelEligibility has the rule).</summary>
internal sealed partial class PackageOperations
{
    private const string PatchCapability = "kpatch-patch";
    private const string KernelCapability = "kernel-uname-r";

    /// <summary>
    /// Eligible when an enabled repository has a package providing <c>kpatch-patch = &lt;running&gt;</c>.
    /// Unknown, never "not eligible", when the repositories cannot be asked (unreachable, none
    /// enabled, none that carries kpatch-patch packages at all) or dnf's answer cannot be read.
    /// </summary>
    public Reading<KernelEligibility> CheckEligibility(PackageOptions options, CancellationToken cancellationToken)
    {
        var running = RunningRelease(options, cancellationToken);
        if (!running.IsKnown)
        {
            return Reading.Unknown<KernelEligibility>(running.UnknownReason!);
        }

        var kernel = running.Value!;
        var patches = Provides(options, PatchCapability, cancellationToken);
        if (!patches.IsKnown)
        {
            return Reading.Unknown<KernelEligibility>(patches.UnknownReason!);
        }

        // No kpatch-patch package at all: the repositories that could say are missing, not the kernel's patches.
        if (patches.Value!.Count == 0)
        {
            return Reading.Unknown<KernelEligibility>(RepositoriesWithoutPatches(options, cancellationToken)
                ?? "the enabled repositories listed no kpatch-patch package, so whether this kernel is eligible is unknown");
        }

        var own = QueryBuilt(DnfCommands.AllFor(options.InstallRoot, kernel), cancellationToken);
        if (!own.IsKnown)
        {
            return Reading.Unknown<KernelEligibility>(own.UnknownReason!);
        }

        var kernels = Provides(options, KernelCapability, cancellationToken);
        if (!kernels.IsKnown)
        {
            return Reading.Unknown<KernelEligibility>(kernels.UnknownReason!);
        }

        var newest = NewestEligible(patches.Value!, kernels.Value!);
        var ordered = own.Value!.OrderBy(p => p.Built).ThenBy(p => p.Package.Evr).ToList();
        if (ordered.Count > 0)
        {
            return Reading.Known(new KernelEligibility(kernel, true, ordered.Select(p => p.Package.Nevra).ToList(), CalendarDate.Format(ordered[0].Built), newest, null));
        }

        var remedy = newest is null
            ? "no kernel in the enabled repositories is kpatch-eligible (none that a kpatch-patch package provides for): ask the vendor which kernel gets live patches"
            : RpmVersionComparer.Instance.Compare(newest, kernel) < 0
                // Going back to an older kernel is a choice for the admin, not advice given lightly.
                ? $"the newest kpatch-eligible kernel in the enabled repositories, {newest}, is older than this one: wait for a newer eligible kernel (Red Hat names one about quarterly), or install {newest} and reboot into it"
                : $"install kernel {newest}, the newest kpatch-eligible kernel in the enabled repositories, and reboot into it";
        return Reading.Known(new KernelEligibility(kernel, false, [], null, newest, remedy));
    }

    /// <summary>
    /// The newest kernel the repositories offer that live patches exist for (kpatch-dnf's filter
    /// shows only those): a release some kpatch-patch package provides for and some kernel package provides.
    /// </summary>
    private static string? NewestEligible(IReadOnlyList<string> patched, IReadOnlyList<string> offered)
    {
        string? newest = null;
        foreach (var release in offered)
        {
            if (patched.Contains(release) && (newest is null || RpmVersionComparer.Instance.Compare(release, newest) > 0))
            {
                newest = release;
            }
        }

        return newest;
    }

    private Reading<IReadOnlyList<string>> Provides(PackageOptions options, string capability, CancellationToken cancellationToken) =>
        Ask(DnfCommands.ProvidesOf(options.InstallRoot, capability), output => Reading.Known(DnfOutput.ProvidedValues(output, capability)), cancellationToken);

    private Reading<IReadOnlyList<(DnfOutput.PackageLine Package, DateOnly Built)>> QueryBuilt(CommandSpec command, CancellationToken cancellationToken) =>
        Ask(command, DnfOutput.ParseBuiltPackages, cancellationToken);

    /// <summary>Runs a repoquery and reads its output; a failure is dnf's own line, as unknown.</summary>
    private Reading<T> Ask<T>(CommandSpec command, Func<string, Reading<T>> read, CancellationToken cancellationToken)
    {
        var result = new HostReader(host, cancellationToken).Run(command);
        if (!result.IsKnown)
        {
            return Reading.Unknown<T>(result.UnknownReason!);
        }

        return DnfOutput.FailureOf("repoquery", result.Value!) is { } failure ? Reading.Unknown<T>(failure) : read(result.Value!.StandardOutput);
    }
}
