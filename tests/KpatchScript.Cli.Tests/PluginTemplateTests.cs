using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests;

/// <summary>plugins/PluginTemplate, the starting point for a site's plugin, builds, loads and checks through verify.</summary>
public sealed class PluginTemplateTests : IDisposable
{
    private readonly TestPlugins _plugins = new();
    private readonly string _config = Path.Combine(Directory.CreateTempSubdirectory("kps-template-").FullName, "config.json");

    public PluginTemplateTests() => _plugins.AddFirstParty("PluginTemplate");

    public void Dispose()
    {
        _plugins.Dispose();
        Directory.Delete(Path.GetDirectoryName(_config)!, recursive: true);
    }

    private CliRunner.Outcome Verify(string configuration)
    {
        File.WriteAllText(_config, configuration);
        return CliRunner.RunWithConfig(_config, "verify", "--target", "sysroot:" + SysrootFixtures.Get(SysrootFixtures.OneEnabledPatch), "--plugins", _plugins.Directory);
    }

    [Fact]
    public void The_template_check_passes_when_patches_carry_the_prefix_and_warns_naming_those_that_do_not()
    {
        var named = Verify("{}");
        var odd = Verify("""{ "plugins": { "PluginTemplate": { "patch_prefix": "site_" } } }""");

        Assert.Equal("", named.Error);
        Assert.Contains("pass  PluginTemplate:patch-naming: 1 loaded patch(es), all named kpatch*\n", named.Out, StringComparison.Ordinal);
        Assert.Equal("", odd.Error);
        Assert.Contains("warn  PluginTemplate:patch-naming: not named site_*: kpatch_5_14_0_284_11_1_1_1\n", odd.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_configuration_is_one_line_naming_the_plugin_and_verify_goes_on()
    {
        var outcome = Verify("""{ "plugins": { "PluginTemplate": { "prefix": 3 } } }""");

        Assert.Contains("plugin PluginTemplate: ", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("unknown key or wrong value 'prefix'", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("installed-modules-loaded", outcome.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("PluginTemplate:patch-naming", outcome.Out, StringComparison.Ordinal);
    }
}
