using KpatchScript.Host;
using KpatchScript.Parsing;
using KpatchScript.Status;

namespace KpatchScript.Detection;

/// <summary>Reads <c>/sys/kernel/livepatch</c>, the taint flags, <c>/proc/modules</c> and, during a transition, per-task <c>patch_state</c>.</summary>
internal static class LivepatchDetector
{
    public static LivepatchStatus Detect(HostReader reader, Reading<string> runningRelease)
    {
        var support = DetectSupport(reader, runningRelease);
        var tainted = reader.ReadInt64(KnownPaths.Tainted);
        tainted = tainted.Then(t => t >= 0 ? Reading.Known(t) : Reading.Unknown<long>($"{KnownPaths.Tainted} holds a negative value ({t})"));
        var taintLivepatch = tainted.Select(t => (t & KnownPaths.TaintLivepatchBit) != 0);

        // A kernel without livepatch has no patches, which is a fact and not an unknown.
        var patches = support is { IsKnown: true, Value.Supported: false }
            ? Reading.Known<IReadOnlyList<LivepatchPatch>>([])
            : ReadPatches(reader, support);
        var inactive = ReadInactiveModules(reader, patches);
        var tasks = TransitionTaskScanner.Scan(reader, patches);
        return new LivepatchStatus(support, tainted, taintLivepatch, patches, inactive, tasks);
    }

    private static Reading<LivepatchSupport> DetectSupport(HostReader reader, Reading<string> runningRelease)
    {
        var kind = reader.Kind(KnownPaths.Livepatch);
        switch (kind)
        {
            case EntryKind.Directory:
                return Reading.Known(new LivepatchSupport(true, $"{KnownPaths.Livepatch} exists"));
            case EntryKind.File or EntryKind.Other:
                return Reading.Unknown<LivepatchSupport>($"{KnownPaths.Livepatch} is not a directory or cannot be examined");
        }

        if (reader.Kind(KnownPaths.SysKernel) != EntryKind.Directory)
        {
            return Reading.Unknown<LivepatchSupport>($"{KnownPaths.SysKernel} is missing: sysfs is not mounted or was not captured");
        }

        // The kernel's build configuration, when installed, says whether it was built without livepatch.
        var config = runningRelease.IsKnown ? reader.ReadText($"{KnownPaths.Boot}/config-{runningRelease.Value}") : null;
        var reason = config is { IsKnown: true } && Array.Exists(config.Value!.Split('\n'), l => l.Trim() == "CONFIG_LIVEPATCH=y")
            ? $"{KnownPaths.Livepatch} does not exist although the kernel is built with CONFIG_LIVEPATCH=y"
            : $"{KnownPaths.Livepatch} does not exist: the running kernel is built without CONFIG_LIVEPATCH";
        return Reading.Known(new LivepatchSupport(false, reason));
    }

    private static Reading<IReadOnlyList<LivepatchPatch>> ReadPatches(HostReader reader, Reading<LivepatchSupport> support)
    {
        if (!support.IsKnown)
        {
            return Reading.Unknown<IReadOnlyList<LivepatchPatch>>(support.UnknownReason!);
        }

        var entries = reader.List(KnownPaths.Livepatch);
        if (!entries.IsKnown)
        {
            return Reading.Unknown<IReadOnlyList<LivepatchPatch>>(entries.UnknownReason!);
        }

        var patches = new List<LivepatchPatch>();
        foreach (var entry in HostReader.Directories(entries.Value!))
        {
            patches.Add(ReadPatch(reader, $"{KnownPaths.Livepatch}/{entry.Name}", entry.Name));
        }

        return Reading.Known<IReadOnlyList<LivepatchPatch>>(patches);
    }

    internal static LivepatchPatch ReadPatch(HostReader reader, string directory, string name)
    {
        var enabled = reader.ReadFlag($"{directory}/enabled");
        var transition = reader.ReadFlag($"{directory}/transition");
        var replace = reader.ReadOptional($"{directory}/replace", reader.ReadFlag);
        var stackOrder = reader.ReadOptional($"{directory}/stack_order", reader.ReadInt32);
        var objects = ReadObjects(reader, directory);
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

    private static Reading<IReadOnlyList<LivepatchObject>> ReadObjects(HostReader reader, string patchDirectory)
    {
        var entries = reader.List(patchDirectory);
        if (!entries.IsKnown)
        {
            return Reading.Unknown<IReadOnlyList<LivepatchObject>>(entries.UnknownReason!);
        }

        var objects = new List<LivepatchObject>();
        foreach (var entry in HostReader.Directories(entries.Value!))
        {
            var objectDirectory = $"{patchDirectory}/{entry.Name}";
            var patched = reader.ReadOptional($"{objectDirectory}/patched", reader.ReadFlag);
            var children = reader.List(objectDirectory);
            if (!children.IsKnown)
            {
                return Reading.Unknown<IReadOnlyList<LivepatchObject>>(children.UnknownReason!);
            }

            var functions = HostReader.Directories(children.Value!).ConvertAll(c => ParseFunction(objectDirectory, c.Name));
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

    private static Reading<IReadOnlyList<InactiveModule>> ReadInactiveModules(HostReader reader, Reading<IReadOnlyList<LivepatchPatch>> patches)
    {
        if (reader.Kind(KnownPaths.ProcModules) == EntryKind.Missing)
        {
            return Reading.Unknown<IReadOnlyList<InactiveModule>>($"{KnownPaths.ProcModules} does not exist");
        }

        var modules = (reader.ReadText(KnownPaths.ProcModules)).Then(ProcModulesParser.Parse);
        if (!modules.IsKnown || !patches.IsKnown)
        {
            return Reading.Unknown<IReadOnlyList<InactiveModule>>(modules.UnknownReason ?? patches.UnknownReason!);
        }

        var active = Names(patches.Value!);
        var inactive = new List<InactiveModule>();
        foreach (var module in modules.Value!)
        {
            if (module.IsLivepatch && !active.Contains(module.Name))
            {
                inactive.Add(new InactiveModule(module.Name, module.ReferenceCount, module.Taint));
            }
        }

        return Reading.Known<IReadOnlyList<InactiveModule>>(inactive);
    }

    /// <summary>
    /// The names of <paramref name="patches"/>, to look modules up by. Loops and List's own methods
    /// in this file, not LINQ: detection is status's start-up path, where System.Linq's first use costs 2 ms.
    /// </summary>
    internal static HashSet<string> Names(IReadOnlyList<LivepatchPatch> patches)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var patch in patches)
        {
            names.Add(patch.Name);
        }

        return names;
    }
}
