using KpatchScript.Detection;
using KpatchScript.Modules;
using KpatchScript.Parsing;
using KpatchScript.Status;

namespace KpatchScript.Verification;

/// <summary>
/// The <c>module-signature</c> check: a live patch module the kernel loaded unsigned or signed by a
/// key it does not trust (its taint letter <c>E</c> in /proc/modules), or an installed one with no
/// signature at all, warns; the verdict then says "action needed" (<c>check-warned:module-signature</c>).
/// Red Hat's patch modules are signed with Red Hat's key, which RHEL kernels trust; anything else on
/// the live kernel is someone's own build, and a Secure Boot host refuses an unsigned one at boot.
/// </summary>
internal sealed partial class Verifier
{
    // Each installed module file is read once per verification: module-vermagic and this check both need it (a .ko is hundreds of kilobytes over ssh).
    private readonly Dictionary<string, Reading<ModuleInfo>> _moduleFiles = new(StringComparer.Ordinal);

    // /proc/modules is read once per verification too: objects-patched and this check both need it (a round trip over ssh).
    private Reading<IReadOnlyList<ProcModule>>? _procModules;

    private Reading<IReadOnlyList<ProcModule>> ProcModules() => _procModules ??= reader.ReadText(KnownPaths.ProcModules).Then(ProcModulesParser.Parse);

    private Reading<ModuleInfo> ModuleFile(string path)
    {
        if (!_moduleFiles.TryGetValue(path, out var info))
        {
            info = reader.ReadText(path).Select(ModuleInfo.Read);
            _moduleFiles[path] = info;
        }

        return info;
    }

    private VerificationCheck ModuleSignatures(HostStatus status)
    {
        const string name = "module-signature";
        var patches = Patches(status);
        var installed = InstalledModules.ForRunningKernel(status.Kpatch.Modules.GetValueOrDefault([])!, distinctNames: true);
        if (patches.Count == 0 && installed.Count == 0)
        {
            return new(name, CheckResult.Skip, "no live patch is loaded and no patch module is installed for the running kernel");
        }

        var files = new Dictionary<string, PatchModuleFile>(StringComparer.Ordinal);
        foreach (var module in installed)
        {
            files[module.ModuleName] = module;
        }

        var taints = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var module in ProcModules().GetValueOrDefault([])!)
        {
            taints[module.Name] = module.Taint;
        }

        var findings = new List<string>();
        var good = new List<string>();
        foreach (var patch in patches)
        {
            bool? signed = files.TryGetValue(patch.Name, out var file) && ModuleFile(file.Path) is { IsKnown: true } read ? read.Value!.Signed : null;
            var taint = taints.TryGetValue(patch.Name, out var letters) ? letters : null;
            var (state, explanation) = SignatureJudge.Judge(patch.Name, signed, loaded: true, taint);
            if (state == ModuleSignatureState.Unknown)
            {
                // Without the module's own letters the kernel's taint still speaks for all modules at once:
                // clear, no module was loaded unsigned or with an untrusted key since boot (a trusted patch is named, not explained).
                (state, explanation) = status.Livepatch.Tainted switch
                {
                    { IsKnown: true, Value: var t } when (t & SignatureJudge.UnsignedTaintBit) == 0 => (ModuleSignatureState.Trusted, explanation),
                    { IsKnown: true } => (state, $"{explanation}, and taint {SignatureJudge.UnsignedTaint} is set: some module was loaded unsigned or with an untrusted key"),
                    var t => (state, $"{explanation}, and the kernel's taint cannot be read either: {t.UnknownReason}"),
                };
            }

            (state is ModuleSignatureState.Trusted ? good : findings).Add(state is ModuleSignatureState.Trusted ? patch.Name : explanation);
        }

        var loadedNames = LivepatchDetector.Names(patches);
        foreach (var module in installed)
        {
            if (loadedNames.Contains(module.ModuleName))
            {
                continue;
            }

            var read = ModuleFile(module.Path);
            if (!read.IsKnown)
            {
                findings.Add($"{module.Path}: {read.UnknownReason}");
                continue;
            }

            var (state, explanation) = SignatureJudge.Judge(module.Path, read.Value!.Signed, loaded: false, taint: null);
            (state is ModuleSignatureState.NotChecked ? good : findings).Add(state is ModuleSignatureState.NotChecked ? $"{module.ModuleName} (signed, not loaded)" : explanation);
        }

        return findings.Count > 0
            ? new(name, CheckResult.Warn, string.Join("; ", findings) + " (Red Hat's live patches are signed with a key RHEL kernels trust: find out where this one came from)")
            : new(name, CheckResult.Pass, $"signed and trusted by the kernel: {string.Join(", ", good)}");
    }
}
