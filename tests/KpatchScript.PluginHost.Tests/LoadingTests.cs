using KpatchScript.Plugins;
using KpatchScript.TestFixtures;

namespace KpatchScript.PluginHosting.Tests;

public sealed class LoadingTests
{
    [Fact]
    public void A_good_plugin_loads_and_says_what_it_provides()
    {
        using var plugins = new TestPlugins("GoodPlugin");
        using var host = plugins.Load();

        var info = Assert.Single(host.Plugins);
        Assert.Equal((PluginState.Loaded, null), (info.State, info.Error));
        Assert.Equal(Path.Combine(plugins.Directory, "GoodPlugin", "GoodPlugin.dll"), info.Path);
        Assert.Equal(("0.1.0", PluginContract.Version), (info.Version, info.ContractVersion));
        Assert.Equal("good v1: a check, an alert sink, a report contributor and a script API", info.Description);
        Assert.Equal(["recording"], info.AlertSinks);
        Assert.Equal(["GoodPlugin:site-baseline"], info.VerificationChecks);
        Assert.Equal(["inventory"], info.ReportDataContributors);
        Assert.Equal(["TestPlugins.Good.Greeter"], info.ScriptApis);
        Assert.Equal(["recording"], host.AlertSinks.Select(s => s.Name));
        Assert.Equal(["inventory"], host.ReportDataContributors.Select(c => c.Name));
        Assert.Empty(host.Problems);
    }

    [Fact]
    public void A_plugin_built_against_an_older_contract_is_refused_naming_both_versions()
    {
        using var plugins = new TestPlugins("OldContractPlugin", "GoodPlugin");
        using var host = plugins.Load();

        var old = host.Plugins.Single(p => p.Name == "OldContractPlugin");
        Assert.Equal((PluginState.Refused, "0.9"), (old.State, old.ContractVersion));
        Assert.Equal($"plugin OldContractPlugin: built against plugin contract 0.9, but this kpatch-script has contract {PluginContract.Version}; rebuild the plugin against KpatchScript.Abstractions 0.1.0 (contract {PluginContract.Version})", old.Error);
        Assert.Equal([old.Error!], host.Problems);
        Assert.Equal(PluginState.Loaded, host.Plugins.Single(p => p.Name == "GoodPlugin").State);
    }

    [Theory]
    [InlineData("1.0", "1.0", true)]
    [InlineData("1.0", "1.3", true)]
    [InlineData("1.4", "1.3", false)]
    [InlineData("0.9", "1.0", false)]
    [InlineData("2.0", "1.0", false)]
    [InlineData("1", "1.0", false)]
    [InlineData("1.x", "1.0", false)]
    public void Contract_versions_are_compatible_on_the_same_major_with_no_newer_minor(string plugin, string host, bool compatible) =>
        Assert.Equal(compatible, PluginContract.IsCompatible(plugin, host));

    [Fact]
    public void Bad_plugins_each_get_one_line_naming_the_plugin_and_what_to_do_and_the_good_one_still_loads()
    {
        using var plugins = new TestPlugins("GoodPlugin");
        Directory.CreateDirectory(Path.Combine(plugins.Directory, "Garbage"));
        File.WriteAllText(Path.Combine(plugins.Directory, "Garbage", "Garbage.dll"), "not a PE file");
        Directory.CreateDirectory(Path.Combine(plugins.Directory, "Empty"));
        Directory.CreateDirectory(Path.Combine(plugins.Directory, "NoEntry"));
        File.Copy(Path.Combine(TestPlugins.Built("PluginHelperLib", "lib"), "PluginHelperLib.dll"), Path.Combine(plugins.Directory, "NoEntry", "NoEntry.dll"));
        File.Copy(Path.Combine(TestPlugins.Built("GoodPlugin"), "GoodPlugin.dll"), Path.Combine(plugins.Directory, "Stray.dll"));

        using var host = plugins.Load();

        Assert.Equal(PluginState.Loaded, host.Plugins.Single(p => p.Name == "GoodPlugin").State);
        Assert.Equal(4, host.Problems.Count);
        Assert.All(host.Problems, p => Assert.DoesNotContain('\n', p));
        Assert.StartsWith($"plugin Garbage: {plugins.Directory}/Garbage/Garbage.dll is not a .NET assembly (", Error(host, "Garbage"), StringComparison.Ordinal);
        Assert.EndsWith("); replace it with the plugin's published Garbage.dll", Error(host, "Garbage"), StringComparison.Ordinal);
        Assert.Equal($"plugin Empty: {plugins.Directory}/Empty has no Empty.dll; a plugin directory holds <Name>/<Name>.dll with its .deps.json ('dotnet publish' the plugin into it)", Error(host, "Empty"));
        Assert.Equal("plugin NoEntry: NoEntry.dll has no [assembly: KpatchPlugin(typeof(...))] attribute naming its entry type; it is not a kpatch-script plugin (or was built without the attribute)", Error(host, "NoEntry"));
        Assert.Equal($"plugin Stray: {plugins.Directory}/Stray.dll is not in a directory of its own; move it (and its .deps.json and dependencies) to {plugins.Directory}/Stray/Stray.dll", Error(host, "Stray"));
    }

    [Fact]
    public void Missing_directories_mean_no_plugins()
    {
        using var host = PluginHost.Load(new PluginHostOptions { Directories = ["/nonexistent/kpatch-script/plugins"] });

        Assert.Equal((PluginDirectoryState.Missing, "/nonexistent/kpatch-script/plugins"), (Assert.Single(host.Directories).State, host.Directories[0].Path));
        Assert.Empty(host.Plugins);
        Assert.Empty(host.Problems);
    }

    [Fact]
    public void A_plugin_in_an_earlier_directory_shadows_the_same_name_in_a_later_one()
    {
        using var plugins = new TestPlugins("GoodPlugin");
        var later = Path.Combine(plugins.Root, "later");
        plugins.Add("GoodPlugin", into: later);

        using var host = PluginHost.Load(new PluginHostOptions { Directories = [plugins.Directory, later] });

        Assert.Equal([PluginState.Loaded, PluginState.Shadowed], host.Plugins.Select(p => p.State));
        Assert.Equal($"plugin GoodPlugin: shadowed by {plugins.Directory}/GoodPlugin/GoodPlugin.dll, found first", host.Plugins[1].Error);
        Assert.Empty(host.Problems);
        Assert.Single(host.VerificationChecks);
    }

    [Fact]
    public void Each_plugin_gets_its_own_configuration_section_matched_without_regard_to_case()
    {
        using var plugins = new TestPlugins("GoodPlugin");
        using var host = plugins.Load(configuration: new Dictionary<string, string> { ["goodplugin"] = """{"result": "warn"}""", ["Other"] = "{}" });

        var report = Sysroot.Facade(host).Verify();

        Assert.Equal(Verification.CheckResult.Warn, report.Checks.Single(c => c.Name == "GoodPlugin:site-baseline").Result);
    }

    private static string Error(PluginHost host, string name) => host.Plugins.Single(p => p.Name == name).Error!;
}
