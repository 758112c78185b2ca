using KpatchScript.Host;
using KpatchScript.Parsing;
using KpatchScript.Status;

namespace KpatchScript.Detection;

/// <summary>Reads <c>/sys/kernel/livepatch</c>, the taint flags, <c>/proc/modules</c> and, during a transition, per-task <c>patch_state</c>.</summary>
internal static class LivepatchDetector
{
    public static async Task<LivepatchStatus> DetectAsync(HostReader reader, Reading<string> runningRelease)
    {
        var support = await DetectSupportAsync(reader, runningRelease).ConfigureAwait(false);
        var tainted = await reader.ReadInt64Async(KnownPaths.Tainted).ConfigureAwait(false);
        tainted = tainted.Then(t => t >= 0 ? Reading.Known(t) : Reading.Unknown<long>($"{KnownPaths.Tainted} holds a negative value ({t})"));
        var taintLivepatch = tainted.Select(t => (t & KnownPaths.TaintLivepatchBit) != 0);

        // A kernel without livepatch has no patches, which is a fact and not an unknown.
        var patches = support is { IsKnown: true, Value.Supported: false }
            ? Reading.Known<IReadOnlyList<LivepatchPatch>>([])
            : await ReadPatchesAsync(reader, support).ConfigureAwait(false);
        var inactive = await ReadInactiveModulesAsync(reader, patches).ConfigureAwait(false);
        var tasks = await TransitionTaskScanner.ScanAsync(reader, patches).ConfigureAwait(false);
        return new LivepatchStatus(support, tainted, taintLivepatch, patches, inactive, tasks);
    }

    private static async Task<Reading<LivepatchSupport>> DetectSupportAsync(HostReader reader, Reading<string> runningRelease)
    {
        var kind = await reader.KindAsync(KnownPaths.Livepatch).ConfigureAwait(false);
        switch (kind)
        {
            case EntryKind.Directory:
                return Reading.Known(new LivepatchSupport(true, $"{KnownPaths.Livepatch} exists"));
            case EntryKind.File or EntryKind.Other:
                return Reading.Unknown<LivepatchSupport>($"{KnownPaths.Livepatch} is not a directory or cannot be examined");
        }

        if (await reader.KindAsync(KnownPaths.SysKernel).ConfigureAwait(false) != EntryKind.Directory)
        {
            return Reading.Unknown<LivepatchSupport>($"{KnownPaths.SysKernel} is missing: sysfs is not mounted or was not captured");
        }

        // The kernel's build configuration, when installed, says whether it was built without livepatch.
        var config = runningRelease.IsKnown ? await reader.ReadTextAsync($"{KnownPaths.Boot}/config-{runningRelease.Value}").ConfigureAwait(false) : null;
        var reason = config is { IsKnown: true } && config.Value!.Split('\n').Any(l => l.Trim() == "CONFIG_LIVEPATCH=y")
            ? $"{KnownPaths.Livepatch} does not exist although the kernel is built with CONFIG_LIVEPATCH=y"
            : $"{KnownPaths.Livepatch} does not exist: the running kernel is built without CONFIG_LIVEPATCH";
        return Reading.Known(new LivepatchSupport(false, reason));
    }

    private static async Task<Reading<IReadOnlyList<LivepatchPatch>>> ReadPatchesAsync(HostReader reader, Reading<LivepatchSupport> support)
    {
        if (!support.IsKnown)
        {
            return Reading.Unknown<IReadOnlyList<LivepatchPatch>>(support.UnknownReason!);
        }

        var entries = await reader.ListAsync(KnownPaths.Livepatch).ConfigureAwait(false);
        if (!entries.IsKnown)
        {
            return Reading.Unknown<IReadOnlyList<LivepatchPatch>>(entries.UnknownReason!);
        }

        var patches = new List<LivepatchPatch>();
        foreach (var entry in entries.Value!.Where(e => e.Kind == EntryKind.Directory))
        {
            patches.Add(await ReadPatchAsync(reader, $"{KnownPaths.Livepatch}/{entry.Name}", entry.Name).ConfigureAwait(false));
        }

        return Reading.Known<IReadOnlyList<LivepatchPatch>>(patches);
    }

    private static async Task<LivepatchPatch> ReadPatchAsync(HostReader reader, string directory, string name)
    {
        var enabled = await reader.ReadFlagAsync($"{directory}/enabled").ConfigureAwait(false);
        var transition = await reader.ReadFlagAsync($"{directory}/transition").ConfigureAwait(false);
        var replace = await reader.ReadOptionalAsync($"{directory}/replace", reader.ReadFlagAsync).ConfigureAwait(false);
        var stackOrder = await reader.ReadOptionalAsync($"{directory}/stack_order", reader.ReadInt32Async).ConfigureAwait(false);
        var objects = await ReadObjectsAsync(reader, directory).ConfigureAwait(false);
        return new LivepatchPatch(name, StateOf(enabled, transition), enabled, transition, replace, stackOrder, objects);
    }

    /// <summary>The state words of <c>kpatch list</c>.</summary>
    private static string StateOf(Reading<bool> enabled, Reading<bool> transition) =>
        (enabled.IsKnown, transition.IsKnown) switch
        {
            (true, true) => (enabled.Value, transition.Value) switch
            {
                (true, false) => "enabled",
                (true, true) => "enabling",
                (false, true) => "disabling",
                _ => "disabled",
            },
            _ => "unknown",
        };

    private static async Task<Reading<IReadOnlyList<LivepatchObject>>> ReadObjectsAsync(HostReader reader, string patchDirectory)
    {
        var entries = await reader.ListAsync(patchDirectory).ConfigureAwait(false);
        if (!entries.IsKnown)
        {
            return Reading.Unknown<IReadOnlyList<LivepatchObject>>(entries.UnknownReason!);
        }

        var objects = new List<LivepatchObject>();
        foreach (var entry in entries.Value!.Where(e => e.Kind == EntryKind.Directory))
        {
            var objectDirectory = $"{patchDirectory}/{entry.Name}";
            var patched = await reader.ReadOptionalAsync($"{objectDirectory}/patched", reader.ReadFlagAsync).ConfigureAwait(false);
            var children = await reader.ListAsync(objectDirectory).ConfigureAwait(false);
            if (!children.IsKnown)
            {
                return Reading.Unknown<IReadOnlyList<LivepatchObject>>(children.UnknownReason!);
            }

            var functions = children.Value!
                .Where(c => c.Kind == EntryKind.Directory)
                .Select(c => ParseFunction(objectDirectory, c.Name))
                .ToList();
            objects.Add(new LivepatchObject(entry.Name, patched, functions));
        }

        return Reading.Known<IReadOnlyList<LivepatchObject>>(objects);
    }

    /// <summary>A function directory is named <c>func,sympos</c>.</summary>
    internal static PatchedFunction ParseFunction(string objectDirectory, string directoryName)
    {
        var comma = directoryName.LastIndexOf(',');
        if (comma <= 0)
        {
            return new PatchedFunction(directoryName, Reading.Unknown<int>($"{objectDirectory}/{directoryName} has no ',sympos' suffix"));
        }

        var sympos = HostReader.ParseInt64($"{objectDirectory}/{directoryName}", directoryName[(comma + 1)..])
            .Then(n => n is >= 0 and <= int.MaxValue ? Reading.Known((int)n) : Reading.Unknown<int>($"{objectDirectory}/{directoryName} has sympos {n} out of range"));
        return new PatchedFunction(directoryName[..comma], sympos);
    }

    private static async Task<Reading<IReadOnlyList<InactiveModule>>> ReadInactiveModulesAsync(HostReader reader, Reading<IReadOnlyList<LivepatchPatch>> patches)
    {
        if (await reader.KindAsync(KnownPaths.ProcModules).ConfigureAwait(false) == EntryKind.Missing)
        {
            return Reading.Unknown<IReadOnlyList<InactiveModule>>($"{KnownPaths.ProcModules} does not exist");
        }

        var modules = (await reader.ReadTextAsync(KnownPaths.ProcModules).ConfigureAwait(false)).Then(ProcModulesParser.Parse);
        if (!modules.IsKnown || !patches.IsKnown)
        {
            return Reading.Unknown<IReadOnlyList<InactiveModule>>(modules.UnknownReason ?? patches.UnknownReason!);
        }

        var active = patches.Value!.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        return Reading.Known<IReadOnlyList<InactiveModule>>(modules.Value!
            .Where(m => m.IsLivepatch && !active.Contains(m.Name))
            .Select(m => new InactiveModule(m.Name, m.ReferenceCount, m.Taint))
            .ToList());
    }
}
