using KpatchScript.Host;
using KpatchScript.Parsing;
using KpatchScript.Status;

namespace KpatchScript.Detection;

/// <summary>Installed kernels (rpm first, <c>/boot</c> otherwise), the newest one, and reboot advice (decided by <see cref="RebootAdvisor"/>).</summary>
internal static class KernelDetector
{
    public static KernelStatus Detect(HostReader reader, Reading<string> running, Reading<IReadOnlyList<LivepatchPatch>> patches, Reading<SupportWindow> supportWindow)
    {
        var installed = ReadInstalled(reader, running);
        // Kernels are ordered by their release string (uname -r) with rpmvercmp, not by the EVR of
        // their kernel-core package, on purpose: the running kernel is known only as that string
        // (reboot advice compares it with the newest), /boot gives nothing else, and one order must
        // serve all three. It is rpm's order here: RHEL kernels carry no epoch, and their uname -r is
        // "version-release.arch" with a version of the same shape on both sides (5.14.0), so the
        // first difference lies where the EVR comparison would find it.
        var newest = installed.Then(list => list.Count == 0
            ? Reading.Unknown<string>("no installed kernel was found")
            : Reading.Known(Newest(list)));
        return new KernelStatus(running, installed, newest, RebootAdvisor.Advise(running, newest, patches), supportWindow);
    }

    private static Reading<IReadOnlyList<InstalledKernel>> ReadInstalled(HostReader reader, Reading<string> running)
    {
        var fromRpm = ReadFromRpm(reader, running);
        if (fromRpm is { IsKnown: true, Value.Count: > 0 })
        {
            return fromRpm;
        }

        var fromBoot = ReadFromBoot(reader, running);
        if (fromBoot is { IsKnown: true, Value.Count: > 0 })
        {
            return fromBoot;
        }

        return Reading.Unknown<IReadOnlyList<InstalledKernel>>($"no installed kernel found: rpm: {fromRpm.UnknownReason ?? "no package provides kernel-uname-r"}; /boot: {fromBoot.UnknownReason ?? "no vmlinuz-* files"}");
    }

    internal static Reading<IReadOnlyList<InstalledKernel>> ReadFromRpm(HostReader reader, Reading<string> running)
    {
        var result = reader.Run(RpmQueries.KernelProviders);
        if (!result.IsKnown)
        {
            return Reading.Unknown<IReadOnlyList<InstalledKernel>>(result.UnknownReason!);
        }

        // rpm exits 1 with "no package provides kernel-uname-r" when it knows no kernel.
        if (!result.Value!.Succeeded)
        {
            return result.Value.StandardOutput.Contains("no package provides", StringComparison.Ordinal)
                ? Reading.Known<IReadOnlyList<InstalledKernel>>([])
                : Reading.Unknown<IReadOnlyList<InstalledKernel>>($"rpm failed: {result.Value.FirstErrorLine}");
        }

        return RpmKernelParser.Parse(result.Value.StandardOutput).Select(list =>
        {
            var kernels = new List<InstalledKernel>(list.Count);
            foreach (var (package, release) in list)
            {
                kernels.Add(new InstalledKernel(release, "rpm", package, IsRunning(running, release)));
            }

            return (IReadOnlyList<InstalledKernel>)OldestFirst(kernels);
        });
    }

    private static Reading<IReadOnlyList<InstalledKernel>> ReadFromBoot(HostReader reader, Reading<string> running)
    {
        if (reader.Kind(KnownPaths.Boot) == EntryKind.Missing)
        {
            return Reading.Known<IReadOnlyList<InstalledKernel>>([]);
        }

        const string prefix = "vmlinuz-";
        return (reader.List(KnownPaths.Boot)).Select(entries =>
        {
            var kernels = new List<InstalledKernel>();
            foreach (var entry in entries)
            {
                // RHEL's rescue image (vmlinuz-0-rescue-<machine-id>) is not an installed kernel.
                if (entry.Kind == EntryKind.File && entry.Name.StartsWith(prefix, StringComparison.Ordinal) && !entry.Name.StartsWith("vmlinuz-0-rescue-", StringComparison.Ordinal) && entry.Name.Length > prefix.Length)
                {
                    var release = entry.Name[prefix.Length..];
                    kernels.Add(new InstalledKernel(release, "boot", null, IsRunning(running, release)));
                }
            }

            return (IReadOnlyList<InstalledKernel>)OldestFirst(kernels);
        });
    }

    // Loops and List's own methods here, not LINQ: detection is status's start-up path, where
    // System.Linq's first use costs 2 ms (tests/benchmarks/README.md, "2026-12-06, sixth").

    /// <summary>The highest release in rpm's order; the first of equals, as Enumerable.Max gives it.</summary>
    private static string Newest(IReadOnlyList<InstalledKernel> kernels)
    {
        var newest = kernels[0].Release;
        foreach (var kernel in kernels)
        {
            if (RpmVersionComparer.Instance.Compare(kernel.Release, newest) > 0)
            {
                newest = kernel.Release;
            }
        }

        return newest;
    }

    /// <summary>Sorted by release in rpm's order; releases rpm calls equal keep their order.</summary>
    private static List<InstalledKernel> OldestFirst(List<InstalledKernel> kernels) =>
        StableSort.InPlace(kernels, (a, b) => RpmVersionComparer.Instance.Compare(a.Release, b.Release));

    private static bool IsRunning(Reading<string> running, string release) => running.IsKnown && running.Value == release;
}
