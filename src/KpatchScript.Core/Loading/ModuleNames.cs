namespace KpatchScript.Loading;

/// <summary>How kpatch turns what a user typed into a module name: the file name without <c>.ko</c>, dashes as underscores.</summary>
internal static class ModuleNames
{
    public static string FromPath(string pathOrName)
    {
        var name = Path.GetFileName(pathOrName.TrimEnd('/'));
        if (name.EndsWith(".ko", StringComparison.Ordinal))
        {
            name = name[..^3];
        }

        return name.Replace('-', '_');
    }
}
