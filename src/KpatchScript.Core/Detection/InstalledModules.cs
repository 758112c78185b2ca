using KpatchScript.Status;

namespace KpatchScript.Detection;

/// <summary>Questions verification and the verdict both ask of the installed patch modules.</summary>
internal static class InstalledModules
{
    /// <summary>
    /// The modules built for the running kernel; with <paramref name="distinctNames"/>, the first
    /// file of each module name. A loop, not LINQ: status verifies and judges on its start-up path,
    /// where System.Linq's first use costs 2 ms (tests/benchmarks/README.md, "2026-12-06, sixth").
    /// </summary>
    public static List<PatchModuleFile> ForRunningKernel(IReadOnlyList<PatchModuleFile> modules, bool distinctNames = false)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<PatchModuleFile>();
        foreach (var module in modules)
        {
            if (module.ForRunningKernel && (!distinctNames || names.Add(module.ModuleName)))
            {
                result.Add(module);
            }
        }

        return result;
    }
}
