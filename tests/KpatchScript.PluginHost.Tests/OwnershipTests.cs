using KpatchScript.TestFixtures;

namespace KpatchScript.PluginHosting.Tests;

/// <summary>
/// Running as root, plugin directories and files that others can write, or that root does not own,
/// are refused with the path and the fix; a link is judged by its real path and every directory above it. Real files: the tests run as root (CI does), chmod and
/// chown them, and fail when not root rather than skip.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix file modes and owners
public sealed class OwnershipTests
{
    public OwnershipTests() => Assert.True(Environment.IsPrivilegedProcess, "the ownership tests need root (CI runs as root): run them with sudo");

    [Fact]
    public void A_plugin_directory_writable_by_others_is_refused_naming_the_fix()
    {
        using var plugins = new TestPlugins("GoodPlugin");
        File.SetUnixFileMode(plugins.Directory, (UnixFileMode)0b111_111_111);

        using var host = Load(plugins);

        Assert.Equal((PluginDirectoryState.Refused, $"plugin directory {plugins.Directory} is writable by others than root (mode 0777); fix: chmod go-w {plugins.Directory}; refused while kpatch-script runs as root"), (host.Directories[0].State, host.Directories[0].Error));
        Assert.Equal([host.Directories[0].Error!], host.Problems);
        Assert.Empty(host.Plugins);
    }

    [Fact]
    public void A_directory_above_owned_by_another_user_is_refused()
    {
        using var plugins = new TestPlugins("GoodPlugin");
        File.SetUnixFileMode(plugins.Root, (UnixFileMode)0b111_101_101);
        Chown(plugins.Root, 1234);

        using var host = Load(plugins);

        Assert.Equal($"plugin directory {plugins.Root} is owned by uid 1234, not root; fix: chown root:root {plugins.Root}; refused while kpatch-script runs as root", host.Directories[0].Error);
    }

    [Fact]
    public void A_plugin_file_writable_by_its_group_refuses_that_plugin_only()
    {
        using var plugins = new TestPlugins("GoodPlugin", "OwnDependencyPlugin");
        var dependency = Path.Combine(plugins.Directory, "OwnDependencyPlugin", "NuGet.Versioning.dll");
        File.SetUnixFileMode(dependency, (UnixFileMode)0b110_110_100);

        using var host = Load(plugins);

        Assert.Equal([$"plugin OwnDependencyPlugin: {dependency} is writable by others than root (mode 0664); fix: chmod go-w {dependency}; refused while kpatch-script runs as root"], host.Problems);
        Assert.Equal(PluginState.Loaded, host.Plugins.Single(p => p.Name == "GoodPlugin").State);
    }

    [Fact]
    public void A_plugin_owned_by_another_user_is_refused()
    {
        using var plugins = new TestPlugins("GoodPlugin");
        var dll = Path.Combine(plugins.Directory, "GoodPlugin", "GoodPlugin.dll");
        Chown(dll, 1234);

        using var host = Load(plugins);

        Assert.Equal((PluginState.Refused, $"plugin GoodPlugin: {dll} is owned by uid 1234, not root; fix: chown root:root {dll}; refused while kpatch-script runs as root"), (host.Plugins[0].State, host.Plugins[0].Error));
    }

    [Fact]
    public void A_sticky_world_writable_directory_above_is_accepted_as_tmp_is()
    {
        using var plugins = new TestPlugins("GoodPlugin");
        File.SetUnixFileMode(plugins.Root, (UnixFileMode)0b1_111_111_111);

        using var host = Load(plugins);

        Assert.Equal(PluginState.Loaded, Assert.Single(host.Plugins).State);
    }

    [Fact]
    public void Without_the_root_rule_the_same_files_load()
    {
        using var plugins = new TestPlugins("GoodPlugin");
        File.SetUnixFileMode(plugins.Directory, (UnixFileMode)0b111_111_111);

        using var host = PluginHost.Load(new PluginHostOptions { Directories = [plugins.Directory], RequireRootOwnership = false });

        Assert.Equal(PluginState.Loaded, Assert.Single(host.Plugins).State);
    }

    [Fact]
    public void A_linked_plugin_directory_is_checked_and_searched_by_its_real_path()
    {
        using var plugins = new TestPlugins();
        var real = Directory.CreateDirectory(Path.Combine(plugins.Root, "vendor", "plugins")).FullName;
        plugins.Add("GoodPlugin", into: real);
        File.CreateSymbolicLink(Path.Combine(plugins.Directory, "linked"), real);

        using var host = PluginHost.Load(new PluginHostOptions { Directories = [Path.Combine(plugins.Directory, "linked")], RequireRootOwnership = true });

        var plugin = Assert.Single(host.Plugins);
        Assert.Equal((PluginState.Loaded, Path.Combine(real, "GoodPlugin", "GoodPlugin.dll")), (plugin.State, plugin.Path));
    }

    [Fact]
    public void A_linked_plugin_directory_whose_real_path_is_under_another_users_directory_is_refused()
    {
        using var plugins = new TestPlugins();
        var theirs = Directory.CreateDirectory(Path.Combine(plugins.Root, "theirs")).FullName;
        var real = Directory.CreateDirectory(Path.Combine(theirs, "plugins")).FullName;
        plugins.Add("GoodPlugin", into: real);
        Chown(theirs, 1234);
        var link = Path.Combine(plugins.Directory, "linked");
        File.CreateSymbolicLink(link, real);

        using var host = PluginHost.Load(new PluginHostOptions { Directories = [link], RequireRootOwnership = true });

        Assert.Equal(
            (PluginDirectoryState.Refused, $"plugin directory {link} (real path {real}): {theirs} is owned by uid 1234, not root; fix: chown root:root {theirs}; refused while kpatch-script runs as root"),
            (host.Directories[0].State, host.Directories[0].Error));
        Assert.Empty(host.Plugins);
    }

    [Fact]
    public void A_plugin_whose_directory_links_under_another_users_directory_is_refused()
    {
        using var plugins = new TestPlugins();
        var theirs = Directory.CreateDirectory(Path.Combine(plugins.Root, "theirs")).FullName;
        var real = plugins.Add("GoodPlugin", into: theirs);
        Chown(theirs, 1234);
        File.CreateSymbolicLink(Path.Combine(plugins.Directory, "GoodPlugin"), real);

        using var host = Load(plugins);

        Assert.Equal(
            (PluginState.Refused, $"plugin GoodPlugin: {Path.Combine(plugins.Directory, "GoodPlugin")} (real path {real}): {theirs} is owned by uid 1234, not root; fix: chown root:root {theirs}; refused while kpatch-script runs as root"),
            (host.Plugins[0].State, host.Plugins[0].Error));
    }

    [Fact]
    public void A_plugin_file_that_links_under_another_users_directory_is_refused()
    {
        using var plugins = new TestPlugins("OwnDependencyPlugin");
        var theirs = Directory.CreateDirectory(Path.Combine(plugins.Root, "theirs")).FullName;
        var dependency = Path.Combine(plugins.Directory, "OwnDependencyPlugin", "NuGet.Versioning.dll");
        File.Move(dependency, Path.Combine(theirs, "NuGet.Versioning.dll"));
        File.CreateSymbolicLink(dependency, Path.Combine(theirs, "NuGet.Versioning.dll"));
        Chown(theirs, 1234);

        using var host = Load(plugins);

        Assert.Equal(
            (PluginState.Refused, $"plugin OwnDependencyPlugin: {dependency} (real path {Path.Combine(theirs, "NuGet.Versioning.dll")}): {theirs} is owned by uid 1234, not root; fix: chown root:root {theirs}; refused while kpatch-script runs as root"),
            (host.Plugins[0].State, host.Plugins[0].Error));
    }

    private static PluginHost Load(TestPlugins plugins) => PluginHost.Load(new PluginHostOptions { Directories = [plugins.Directory], RequireRootOwnership = true });

    private static void Chown(string path, int uid)
    {
        var result = TestFixtures.ProcessHelper.Execute(["chown", uid.ToString(System.Globalization.CultureInfo.InvariantCulture), path]);
        Assert.True(result.Succeeded, result.StandardError);
    }
}
