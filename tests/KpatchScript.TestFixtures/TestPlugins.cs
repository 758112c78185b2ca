using System.Reflection;

namespace KpatchScript.TestFixtures;

/// <summary>
/// The test plugins as built (tests/plugins/bin/&lt;Configuration&gt;/plugins/&lt;Name&gt;/), and
/// plugin directories made of copies of them in a temporary directory, so each test owns its
/// files (mode and owner changes, replacement for reloads). A test project that uses them builds
/// them first: <c>&lt;ProjectReference Include="../plugins/*/*.csproj" ReferenceOutputAssembly="false" /&gt;</c>.
/// </summary>
public sealed class TestPlugins : IDisposable
{
    private static readonly string Configuration =
        typeof(TestPlugins).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    public TestPlugins(params string[] plugins)
    {
        Root = System.IO.Directory.CreateTempSubdirectory("kps-plugins-").FullName;
        Directory = Path.Combine(Root, "plugins");
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var plugin in plugins)
        {
            Add(plugin);
        }
    }

    /// <summary>A temporary directory of this test's (owned by the user running the tests, mode 0700).</summary>
    public string Root { get; }

    /// <summary>The plugin directory: <c>&lt;Root&gt;/plugins</c>.</summary>
    public string Directory { get; }

    /// <summary>Where a test plugin's build output is.</summary>
    public static string Built(string plugin, string set = "plugins")
    {
        var path = RepositoryPaths.Combine("tests", "plugins", "bin", Configuration, set, plugin);
        return System.IO.Directory.Exists(path) ? path : throw new InvalidOperationException($"test plugin {plugin} is not built at {path}: build tests/KpatchScript.PluginHost.Tests");
    }

    /// <summary>Copies a built test plugin into the plugin directory (or into <paramref name="into"/>).</summary>
    public string Add(string plugin, string set = "plugins", string? into = null)
    {
        var target = Path.Combine(into ?? Directory, plugin);
        Copy(Built(plugin, set), target);
        return target;
    }

    /// <summary>The first-party plugins as built, a plugin directory: plugins/bin/&lt;Configuration&gt;/ (&lt;Name&gt;/ each).</summary>
    public static string FirstPartyBuild => RepositoryPaths.Combine("plugins", "bin", Configuration);

    /// <summary>Copies a first-party plugin as built (plugins/bin/&lt;Configuration&gt;/&lt;Name&gt;/) into the plugin directory.</summary>
    public string AddFirstParty(string plugin)
    {
        var built = Path.Combine(FirstPartyBuild, plugin);
        if (!System.IO.Directory.Exists(built))
        {
            throw new InvalidOperationException($"plugin {plugin} is not built at {built}: build the solution (or reference plugins/{plugin}/{plugin}.csproj)");
        }

        var target = Path.Combine(Directory, plugin);
        Copy(built, target);
        return target;
    }

    /// <summary>Replaces a plugin's files the way a package manager does: new files written beside, then renamed over the old ones.</summary>
    public void Replace(string plugin, string set)
    {
        var target = Path.Combine(Directory, plugin);
        foreach (var file in System.IO.Directory.GetFiles(Built(plugin, set)))
        {
            var staged = Path.Combine(target, "." + Path.GetFileName(file) + ".new");
            File.Copy(file, staged, overwrite: true);
            File.Move(staged, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
    }

    public void Dispose() => System.IO.Directory.Delete(Root, recursive: true);

    private static void Copy(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
