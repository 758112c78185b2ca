namespace KpatchScript.Scripting.NuGet;

/// <summary>
/// Dependencies the running shared framework already provides. Packages built for netstandard list
/// System.* packages and NETStandard.Library; restoring them would load old facades over the framework's.
/// </summary>
internal static class FrameworkPackages
{
    private static readonly Lazy<HashSet<string>> FrameworkAssemblies = new(() =>
        [.. Directory.EnumerateFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()]);

    public static bool Provides(string id)
    {
        // Metapackages: reference assemblies and build targets only, which the running framework replaces.
        if (id.Equals("NETStandard.Library", StringComparison.OrdinalIgnoreCase)
            || id.StartsWith("Microsoft.NETCore.", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return (id.StartsWith("System.", StringComparison.OrdinalIgnoreCase) || id.StartsWith("Microsoft.Win32.", StringComparison.OrdinalIgnoreCase))
            && FrameworkAssemblies.Value.Contains(id, StringComparer.OrdinalIgnoreCase);
    }
}
