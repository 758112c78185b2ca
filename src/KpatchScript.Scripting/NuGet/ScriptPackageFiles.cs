namespace KpatchScript.Scripting.NuGet;

/// <summary>
/// The script files of a package, for <c>#load "nuget: Id, Version"</c>, by dotnet-script's rules
/// (Dotnet.Script.DependencyModel ScriptFilesDependencyResolver, read for behaviour):
/// <list type="bullet">
/// <item>only a package with a <c>contentFiles</c> folder has scripts (dotnet-script asks the assets file for the
/// package's content files first); then every <c>*.csx</c> under <c>contentFiles/csx/</c> or <c>content/csx/</c> counts;</item>
/// <item>a file's framework is the folder path between <c>csx/</c> and the file, so a file in a subfolder of
/// <c>any/</c> is not <c>any</c>'s: subfolders are reached only through the <c>#load</c>s of the root files;</item>
/// <item>the files of <c>any</c> are taken, else those of <c>netstandard2.0</c>, no other framework;</item>
/// <item>one root file is the entry point; with several, every one is loaded. dotnet-script's README says
/// <c>main.csx</c> is then the entry point, but its code compares the file's full path with "main.csx", which never
/// matches, so it loads them all; a script that runs there relies on that, so they are all loaded here too.</item>
/// </list>
/// dotnet-script loads several files in the order the directory lists them; here, by ordinal name, so every machine
/// runs the same order.
/// </summary>
public static class ScriptPackageFiles
{
    /// <summary>The frameworks dotnet-script takes script files for, in its order of preference.</summary>
    public static readonly IReadOnlyList<string> Frameworks = ["any", "netstandard2.0"];

    /// <summary>Full paths of the files to load, in load order; empty when the package has none.</summary>
    /// <param name="packageDirectory">The extracted package.</param>
    public static IReadOnlyList<string> Find(string packageDirectory)
    {
        var byFramework = ByFramework(packageDirectory);
        foreach (var framework in Frameworks)
        {
            if (byFramework.TryGetValue(framework, out var files))
            {
                return [.. files.Order(StringComparer.Ordinal)];
            }
        }

        return [];
    }

    /// <summary>The framework folders that hold script files (e.g. <c>net8.0</c>), for the error when none is taken.</summary>
    public static IReadOnlyList<string> FrameworkFolders(string packageDirectory) =>
        [.. ByFramework(packageDirectory).Keys.Order(StringComparer.Ordinal)];

    private static Dictionary<string, List<string>> ByFramework(string packageDirectory)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        if (!Directory.Exists(Path.Combine(packageDirectory, "contentFiles")))
        {
            return result;
        }

        foreach (var file in Directory.GetFiles(packageDirectory, "*.csx", SearchOption.AllDirectories))
        {
            if (FrameworkOf(Path.GetRelativePath(packageDirectory, file)) is { } framework)
            {
                if (!result.TryGetValue(framework, out var files))
                {
                    result[framework] = files = [];
                }

                files.Add(file);
            }
        }

        return result;
    }

    /// <summary>
    /// What lies between the last <c>contentFiles/csx/</c> (or <c>content/csx/</c>) and the file name, or null
    /// when the path has no such folder or the file stands directly in <c>csx/</c>.
    /// </summary>
    internal static string? FrameworkOf(string relativePath)
    {
        var parts = relativePath.Split('/');
        for (var i = parts.Length - 3; i >= 0; i--)
        {
            if (parts[i + 1].Equals("csx", StringComparison.OrdinalIgnoreCase)
                && (parts[i].Equals("contentFiles", StringComparison.OrdinalIgnoreCase) || parts[i].Equals("content", StringComparison.OrdinalIgnoreCase))
                && i + 2 < parts.Length - 1)
            {
                return string.Join('/', parts[(i + 2)..^1]);
            }
        }

        return null;
    }
}
