using KpatchScript.Detection;
using KpatchScript.Host;
using KpatchScript.Loading;
using KpatchScript.Parsing;
using KpatchScript.Status;

namespace KpatchScript.Modules;

/// <summary>
/// <c>kpatch-script info MODULE</c>: finds the module as <c>kpatch info</c> does (a path, or a name
/// installed for the running kernel) and, unlike it, also a module that is only loaded; then reads
/// its .modinfo fields from the file, its signature lines from the target's <c>modinfo</c>, and what
/// the kernel says of it. Reads only; never loads anything.
/// </summary>
internal sealed class ModuleInspector(IHostSystem host, CancellationToken cancellationToken)
{
    private readonly HostReader _reader = new(host, cancellationToken);

    public Reading<PatchModuleDetails> Inspect(string query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return Reading.Unknown<PatchModuleDetails>("name a module: a patch name as 'kpatch-script status' shows it, or the path of a .ko file");
        }

        var running = _reader.ReadValue(KnownPaths.OsRelease);
        var (path, installed, refusal) = Find(query, running);
        if (refusal is not null)
        {
            return Reading.Unknown<PatchModuleDetails>(refusal);
        }

        string? text = null;
        if (path is not null)
        {
            var read = _reader.ReadText(path);
            if (!read.IsKnown)
            {
                return Reading.Unknown<PatchModuleDetails>(read.UnknownReason!);
            }

            text = read.Value!;
        }

        var info = text is null ? null : ModuleInfo.Read(text);
        if (info is { Vermagic: null })
        {
            return Reading.Unknown<PatchModuleDetails>($"{path} is not a kernel module (it has no vermagic)");
        }

        var name = info?.Name ?? ModuleNames.FromPath(path ?? query);
        var fields = text is null ? [] : ModuleInfo.Fields(text).ConvertAll(f => new ModuleField(f.Key, f.Value));
        var module = LoadedModule(name);
        var taint = module is { IsKnown: true, Value: { } loaded } ? loaded.Taint : null;
        var isLoaded = module is { IsKnown: true, Value: not null } || _reader.Kind($"/sys/module/{name}") == EntryKind.Directory;
        if (path is null && !isLoaded)
        {
            return Reading.Unknown<PatchModuleDetails>(NotFound(query, running));
        }

        var patchDirectory = $"{KnownPaths.Livepatch}/{name}";
        var patch = _reader.Kind(patchDirectory) == EntryKind.Directory ? LivepatchDetector.ReadPatch(_reader, patchDirectory, name) : null;
        var signature = Signature(name, path, info, isLoaded, module.IsKnown ? taint : null);
        return Reading.Known(new PatchModuleDetails(query, name, path, installed, fields, info?.KernelRelease, signature, isLoaded, taint, patch));
    }

    /// <summary>The file: a path as given, else a file of that name installed for the running kernel; null with no refusal when none is installed (it may still be loaded).</summary>
    private (string? Path, bool Installed, string? Refusal) Find(string query, Reading<string> running)
    {
        if (query.Contains('/', StringComparison.Ordinal))
        {
            if (!query.StartsWith('/'))
            {
                return (null, false, $"'{query}' is not an absolute path: name the .ko file as it is on the target, or the module by its name");
            }

            return _reader.Kind(query) switch
            {
                EntryKind.File => (query, running.IsKnown && Array.Exists(KnownPaths.ModuleDirectories, d => Path.GetDirectoryName(query) == $"{d}/{running.Value}"), null),
                EntryKind.Missing => (null, false, $"{query} does not exist"),
                _ => (null, false, $"{query} is not a regular file"),
            };
        }

        var name = ModuleNames.FromPath(query);
        var modules = KpatchToolingDetector.DetectModules(_reader, running, Reading.Unknown<IReadOnlyList<LivepatchPatch>>("not needed"));
        if (!modules.IsKnown)
        {
            return (null, false, $"the installed modules cannot be listed: {modules.UnknownReason}");
        }

        foreach (var module in InstalledModules.ForRunningKernel(modules.Value!))
        {
            // kpatch matches the file name or the module name inside it (kpatch.md 1.9).
            if (module.ModuleName == name || (_reader.ReadText(module.Path) is { IsKnown: true } text && ModuleInfo.Read(text.Value!).Name == name))
            {
                return (module.Path, true, null);
            }
        }

        return (null, false, null);
    }

    private static string NotFound(string query, Reading<string> running) => running.IsKnown
        ? $"can't find {query}: it is not installed for the running kernel {running.Value} (in {string.Join(" or ", Array.ConvertAll(KnownPaths.ModuleDirectories, d => $"{d}/{running.Value}"))}) and not loaded; give the path of its .ko file"
        : $"can't find {query}: the running kernel is unknown ({running.UnknownReason}), so the installed modules cannot be looked up; give the path of its .ko file";

    /// <summary>The module's line of /proc/modules: known null when it is not loaded, unknown when the file cannot be read.</summary>
    private Reading<ProcModule?> LoadedModule(string name)
    {
        var modules = _reader.ReadText(KnownPaths.ProcModules).Then(ProcModulesParser.Parse);
        return modules.Select(list => list.FirstOrDefault(m => m.Name == name));
    }

    private ModuleSignature Signature(string name, string? path, ModuleInfo? info, bool loaded, string? taint)
    {
        var (state, explanation) = SignatureJudge.Judge(name, info?.Signed, loaded, taint);
        if (path is null || info is not { Signed: true })
        {
            return new(state, null, null, null, explanation);
        }

        // The signer and key live in the appended PKCS#7 blob: binary, so the target's kmod modinfo reads them (as kpatch info shows them).
        var program = host.IsReadOnly ? null : Array.Find(KnownPaths.Modinfo, candidate => _reader.Kind(candidate) == EntryKind.File);
        var modinfo = program is null ? null : _reader.Run(program, path);
        var lines = modinfo is { IsKnown: true, Value.Succeeded: true } ran ? ModinfoOutput.Parse(ran.Value!.StandardOutput) : null;
        if (lines is { IsKnown: true, Value: { Signer: not null } shown })
        {
            return new(state, shown.Signer, shown.KeyId, shown.HashAlgorithm, explanation);
        }

        var why = host.IsReadOnly ? "a captured tree runs no modinfo"
            : program is null ? $"the target has no modinfo ({string.Join(", ", KnownPaths.Modinfo)}; kmod)"
            : lines is { IsKnown: false } ? lines.UnknownReason!
            : $"the target's {program} does not show them (kmod's modinfo does)";
        return new(state, null, null, null, $"{explanation}; signer and key unknown: {why}");
    }
}
