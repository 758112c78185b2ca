using System.Text.RegularExpressions;
using KpatchScript.Host;
using KpatchScript.Parsing;
using KpatchScript.Status;

namespace KpatchScript.Detection;

/// <summary>The kpatch CLI, installed patch modules, kpatch-dnf and kpatch.service.</summary>
internal static partial class KpatchToolingDetector
{
    public static async Task<KpatchTooling> DetectAsync(HostReader reader, Reading<string> running, Reading<IReadOnlyList<LivepatchPatch>> patches) =>
        new(
            await DetectCliAsync(reader).ConfigureAwait(false),
            await DetectModulesAsync(reader, running, patches).ConfigureAwait(false),
            await DetectDnfAsync(reader).ConfigureAwait(false),
            await DetectServiceAsync(reader).ConfigureAwait(false));

    private static async Task<Reading<KpatchCli>> DetectCliAsync(HostReader reader)
    {
        string? path = null;
        foreach (var candidate in KnownPaths.KpatchCli)
        {
            if (await reader.KindAsync(candidate).ConfigureAwait(false) == EntryKind.File)
            {
                path = candidate;
                break;
            }
        }

        if (path is null)
        {
            return Reading.Known(new KpatchCli(false, null, Reading.Unknown<string>("kpatch is not installed")));
        }

        // Ask the tool itself where the target can run it; a captured tree only has the script's VERSION= line.
        var run = await reader.RunAsync(path, "version").ConfigureAwait(false);
        if (run is { IsKnown: true, Value.Succeeded: true } && run.Value.StandardOutput.Trim() is { Length: > 0 } printed && !printed.Contains('\n', StringComparison.Ordinal))
        {
            return Reading.Known(new KpatchCli(true, path, Reading.Known(printed)));
        }

        var script = await reader.ReadTextAsync(path).ConfigureAwait(false);
        var version = script.Then(text => VersionLine().Match(text) is { Success: true } m
            ? Reading.Known(m.Groups[1].Value)
            : Reading.Unknown<string>(run.IsKnown ? $"'{path} version' failed: {run.Value!.FirstErrorLine}" : $"{run.UnknownReason}, and {path} has no VERSION= line"));
        return Reading.Known(new KpatchCli(true, path, version));
    }

    [GeneratedRegex("""^VERSION=["']?([0-9][0-9A-Za-z.\-_+~]*)["']?\s*$""", RegexOptions.Multiline)]
    private static partial Regex VersionLine();

    private static async Task<Reading<IReadOnlyList<PatchModuleFile>>> DetectModulesAsync(HostReader reader, Reading<string> running, Reading<IReadOnlyList<LivepatchPatch>> patches)
    {
        var loaded = patches.IsKnown ? patches.Value!.Select(p => p.Name).ToHashSet(StringComparer.Ordinal) : null;
        var modules = new List<PatchModuleFile>();
        foreach (var root in KnownPaths.ModuleDirectories)
        {
            if (await reader.KindAsync(root).ConfigureAwait(false) == EntryKind.Missing)
            {
                continue;
            }

            var releases = await reader.ListAsync(root).ConfigureAwait(false);
            if (!releases.IsKnown)
            {
                return Reading.Unknown<IReadOnlyList<PatchModuleFile>>(releases.UnknownReason!);
            }

            foreach (var release in releases.Value!.Where(e => e.Kind == EntryKind.Directory))
            {
                var files = await reader.ListAsync($"{root}/{release.Name}").ConfigureAwait(false);
                if (!files.IsKnown)
                {
                    return Reading.Unknown<IReadOnlyList<PatchModuleFile>>(files.UnknownReason!);
                }

                var forRunning = running.IsKnown && running.Value == release.Name;
                foreach (var file in files.Value!.Where(f => f.Kind == EntryKind.File && f.Name.EndsWith(".ko", StringComparison.Ordinal)))
                {
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

    private static async Task<Reading<KpatchDnf>> DetectDnfAsync(HostReader reader)
    {
        var config = KnownPaths.KpatchDnfConfig;
        var hasConfig = await reader.ExistsAsync(config).ConfigureAwait(false);
        var hasPlugin = await FindDnfPluginAsync(reader).ConfigureAwait(false);
        if (!hasConfig)
        {
            var reason = hasPlugin ? $"{config} does not exist" : "kpatch-dnf is not installed";
            return Reading.Known(new KpatchDnf(hasPlugin, config, Reading.Unknown<bool>(reason)));
        }

        var autoUpdate = (await reader.ReadTextAsync(config).ConfigureAwait(false)).Then(text =>
            IniParser.Get(text, "main", "autoupdate") is not { } value
                ? Reading.Unknown<bool>($"{config} has no autoupdate setting in [main]")
                : IniParser.ToBoolean(value) is { } flag
                    ? Reading.Known(flag)
                    : Reading.Unknown<bool>($"{config} sets autoupdate to '{HostReader.Clip(value)}', expected True or False"));
        return Reading.Known(new KpatchDnf(true, config, autoUpdate));
    }

    private static async Task<bool> FindDnfPluginAsync(HostReader reader)
    {
        foreach (var root in KnownPaths.PythonRoots)
        {
            var entries = await reader.ListAsync(root).ConfigureAwait(false);
            if (!entries.IsKnown)
            {
                continue;
            }

            foreach (var python in entries.Value!.Where(e => e.Kind == EntryKind.Directory && e.Name.StartsWith("python3", StringComparison.Ordinal)))
            {
                if (await reader.KindAsync($"{root}/{python.Name}/site-packages/dnf-plugins/kpatch.py").ConfigureAwait(false) == EntryKind.File)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static async Task<Reading<ServiceState>> DetectServiceAsync(HostReader reader)
    {
        var unit = KnownPaths.KpatchUnit;
        if (await reader.KindAsync(KnownPaths.SystemdRunning).ConfigureAwait(false) == EntryKind.Directory)
        {
            var result = await reader.RunAsync("systemctl", "is-enabled", unit).ConfigureAwait(false);
            if (result.IsKnown)
            {
                // is-enabled prints the state and exits non-zero for disabled units; no output means no such unit.
                var state = result.Value!.StandardOutput.Trim();
                return Reading.Known(new ServiceState(unit, state.Length == 0 ? "not-found" : state, "systemctl"));
            }
        }

        return await ReadUnitFilesAsync(reader, unit).ConfigureAwait(false);
    }

    /// <summary>What <c>systemctl --root</c> would compute: a unit file, and a <c>*.wants/</c> link to it.</summary>
    private static async Task<Reading<ServiceState>> ReadUnitFilesAsync(HostReader reader, string unit)
    {
        var exists = false;
        foreach (var directory in KnownPaths.UnitDirectories)
        {
            exists |= await reader.KindAsync($"{directory}/{unit}").ConfigureAwait(false) == EntryKind.File;
        }

        if (!exists)
        {
            return Reading.Known(new ServiceState(unit, "not-found", "unit-files"));
        }

        var etc = await reader.ListAsync(KnownPaths.UnitDirectories[0]).ConfigureAwait(false);
        if (!etc.IsKnown)
        {
            return Reading.Unknown<ServiceState>(etc.UnknownReason!);
        }

        foreach (var wants in etc.Value!.Where(e => e.Kind == EntryKind.Directory && e.Name.EndsWith(".wants", StringComparison.Ordinal)))
        {
            if (await reader.ExistsAsync($"{KnownPaths.UnitDirectories[0]}/{wants.Name}/{unit}").ConfigureAwait(false))
            {
                return Reading.Known(new ServiceState(unit, "enabled", "unit-files"));
            }
        }

        return Reading.Known(new ServiceState(unit, "disabled", "unit-files"));
    }
}
