using System.Text.RegularExpressions;
using KpatchScript.Host;
using KpatchScript.Parsing;
using KpatchScript.Status;

namespace KpatchScript.Detection;

/// <summary>The kpatch CLI, installed patch modules, kpatch-dnf and kpatch.service.</summary>
internal static partial class KpatchToolingDetector
{
    public static KpatchTooling Detect(HostReader reader, Reading<string> running, Reading<IReadOnlyList<LivepatchPatch>> patches) =>
        new(
            DetectCli(reader),
            DetectModules(reader, running, patches),
            DetectDnf(reader),
            DetectService(reader));

    /// <summary>Where the kpatch CLI is installed on the target, or null.</summary>
    /// <remarks>Loops, not LINQ, in this file: detection is status's start-up path, where System.Linq's first use costs 2 ms.</remarks>
    public static string? FindCli(HostReader reader) =>
        Array.Find(KnownPaths.KpatchCli, candidate => reader.Kind(candidate) == EntryKind.File);

    private static Reading<KpatchCli> DetectCli(HostReader reader)
    {
        var path = FindCli(reader);
        if (path is null)
        {
            return Reading.Known(new KpatchCli(false, null, Reading.Unknown<string>("kpatch is not installed")));
        }

        // Ask the tool itself where the target can run it; a captured tree only has the script's VERSION= line.
        var run = reader.Run(path, "version");
        if (run is { IsKnown: true, Value.Succeeded: true } && run.Value.StandardOutput.Trim() is { Length: > 0 } printed && !printed.Contains('\n', StringComparison.Ordinal))
        {
            return Reading.Known(new KpatchCli(true, path, Reading.Known(printed)));
        }

        var script = reader.ReadText(path);
        var version = script.Then(text => VersionLine().Match(text) is { Success: true } m
            ? Reading.Known(m.Groups[1].Value)
            : Reading.Unknown<string>(run.IsKnown ? $"'{path} version' failed: {run.Value!.FirstErrorLine}" : $"{run.UnknownReason}, and {path} has no VERSION= line"));
        return Reading.Known(new KpatchCli(true, path, version));
    }

    [GeneratedRegex("""^VERSION=["']?([0-9][0-9A-Za-z.\-_+~]*)["']?\s*$""", RegexOptions.Multiline)]
    private static partial Regex VersionLine();

    /// <summary>Every .ko under /var/lib/kpatch/&lt;release&gt; and /usr/lib/kpatch/&lt;release&gt;, in that order and by name; unknown when a directory cannot be listed.</summary>
    internal static Reading<IReadOnlyList<PatchModuleFile>> DetectModules(HostReader reader, Reading<string> running, Reading<IReadOnlyList<LivepatchPatch>> patches)
    {
        var loaded = patches.IsKnown ? LivepatchDetector.Names(patches.Value!) : null;
        var modules = new List<PatchModuleFile>();
        foreach (var root in KnownPaths.ModuleDirectories)
        {
            if (reader.Kind(root) == EntryKind.Missing)
            {
                continue;
            }

            var releases = reader.List(root);
            if (!releases.IsKnown)
            {
                return Reading.Unknown<IReadOnlyList<PatchModuleFile>>(releases.UnknownReason!);
            }

            foreach (var release in HostReader.Directories(releases.Value!))
            {
                var files = reader.List($"{root}/{release.Name}");
                if (!files.IsKnown)
                {
                    return Reading.Unknown<IReadOnlyList<PatchModuleFile>>(files.UnknownReason!);
                }

                var forRunning = running.IsKnown && running.Value == release.Name;
                foreach (var file in files.Value!)
                {
                    if (file.Kind != EntryKind.File || !file.Name.EndsWith(".ko", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var name = ModuleName(file.Name);
                    bool? isLoaded = forRunning && loaded is not null ? loaded.Contains(name) : null;
                    modules.Add(new PatchModuleFile($"{root}/{release.Name}/{file.Name}", name, release.Name, forRunning, isLoaded));
                }
            }
        }

        return Reading.Known<IReadOnlyList<PatchModuleFile>>(modules);
    }

    /// <summary>kpatch's mod_name(): basename, <c>.ko</c> stripped, every <c>-</c> replaced by <c>_</c>.</summary>
    internal static string ModuleName(string fileName) => Path.GetFileName(fileName)[..^".ko".Length].Replace('-', '_');

    internal static Reading<KpatchDnf> DetectDnf(HostReader reader)
    {
        var config = KnownPaths.KpatchDnfConfig;
        var hasConfig = reader.Exists(config);
        var hasPlugin = FindDnfPlugin(reader);
        if (!hasConfig)
        {
            var reason = hasPlugin ? $"{config} does not exist" : "kpatch-dnf is not installed";
            return Reading.Known(new KpatchDnf(hasPlugin, config, Reading.Unknown<bool>(reason)));
        }

        var autoUpdate = (reader.ReadText(config)).Then(text =>
            IniParser.Get(text, "main", "autoupdate") is not { } value
                ? Reading.Unknown<bool>($"{config} has no autoupdate setting in [main]")
                : IniParser.ToBoolean(value) is { } flag
                    ? Reading.Known(flag)
                    : Reading.Unknown<bool>($"{config} sets autoupdate to '{TextClip.Clip(value)}', expected True or False"));
        return Reading.Known(new KpatchDnf(true, config, autoUpdate));
    }

    private static bool FindDnfPlugin(HostReader reader)
    {
        foreach (var root in KnownPaths.PythonRoots)
        {
            // Asked first: listing a missing directory costs a thrown exception, 5 ms of a 40 ms status at start-up.
            if (reader.Kind(root) != EntryKind.Directory)
            {
                continue;
            }

            var entries = reader.List(root);
            if (!entries.IsKnown)
            {
                continue;
            }

            foreach (var python in HostReader.Directories(entries.Value!))
            {
                if (python.Name.StartsWith("python3", StringComparison.Ordinal) && reader.Kind($"{root}/{python.Name}/site-packages/dnf-plugins/kpatch.py") == EntryKind.File)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static Reading<ServiceState> DetectService(HostReader reader)
    {
        var unit = KnownPaths.KpatchUnit;
        if (reader.Kind(KnownPaths.SystemdRunning) == EntryKind.Directory)
        {
            var result = reader.Run("systemctl", "is-enabled", unit);
            if (result.IsKnown)
            {
                // is-enabled prints the state and exits non-zero for disabled units; no output means no such unit.
                var state = result.Value!.StandardOutput.Trim();
                return Reading.Known(new ServiceState(unit, state.Length == 0 ? "not-found" : state, "systemctl"));
            }
        }

        return ReadUnitFiles(reader, unit);
    }

    /// <summary>What <c>systemctl --root</c> would compute: a unit file, and a <c>*.wants/</c> link to it.</summary>
    private static Reading<ServiceState> ReadUnitFiles(HostReader reader, string unit)
    {
        var exists = false;
        foreach (var directory in KnownPaths.UnitDirectories)
        {
            exists |= reader.Kind($"{directory}/{unit}") == EntryKind.File;
        }

        if (!exists)
        {
            return Reading.Known(new ServiceState(unit, "not-found", "unit-files"));
        }

        var etc = reader.List(KnownPaths.UnitDirectories[0]);
        if (!etc.IsKnown)
        {
            return Reading.Unknown<ServiceState>(etc.UnknownReason!);
        }

        foreach (var wants in HostReader.Directories(etc.Value!))
        {
            if (wants.Name.EndsWith(".wants", StringComparison.Ordinal) && reader.Exists($"{KnownPaths.UnitDirectories[0]}/{wants.Name}/{unit}"))
            {
                return Reading.Known(new ServiceState(unit, "enabled", "unit-files"));
            }
        }

        return Reading.Known(new ServiceState(unit, "disabled", "unit-files"));
    }
}
