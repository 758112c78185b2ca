using KpatchScript.Scripting.Caching;
using KpatchScript.Scripting.Directives;
using KpatchScript.Scripting.Running;
using KpatchScript.Scripting;
using KpatchScript.TestFixtures;

namespace KpatchScript.PluginHosting.Tests;

/// <summary>Scripts compile against the plugins' public types, call them in the plugins' own load contexts, and get their checks in VerifyAsync.</summary>
public sealed class ScriptExtensionTests
{
    private const string Script = """
        using KpatchScript;
        using TestPlugins.Good;
        Print(Greeter.Greet("script"));
        var report = await Kpatch.Connect().VerifyAsync(Kpatch.Cancellation);
        foreach (var check in report.Checks.Where(c => c.Name.Contains(':') && !c.Name.StartsWith("module-vermagic")))
        {
            Print($"{check.Name} {check.Result}");
        }

        Print(System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(typeof(Greeter).Assembly)!.IsCollectible);
        return 3;
        """;

    [Fact]
    public void A_script_calls_a_plugin_api_and_verifies_with_the_plugin_checks_cached_or_not()
    {
        using var plugins = new TestPlugins("GoodPlugin", "ThrowingPlugin");
        using var host = plugins.Load();
        var cache = new ScriptCache(Path.Combine(plugins.Root, "cache"));
        var file = Path.Combine(plugins.Root, "uses-plugin.csx");
        File.WriteAllText(file, Script);

        // The first run compiles and stores, the second runs the stored assembly: both resolve the plugin.
        for (var run = 0; run < 2; run++)
        {
            using var output = new StringWriter();
            using var errors = new StringWriter();
            var outcome = new ScriptHost(cache, errors, extensions: host.ScriptExtensions)
                .Run(ScriptClosure.FromFile(file), [], new ScriptRunOptions { Out = output, Target = "sysroot:" + SysrootFixtures.Get(SysrootFixtures.OneEnabledPatch) }, CancellationToken.None);

            Assert.Equal((3, null, ""), (outcome.ExitCode, outcome.Message, errors.ToString()));
            // Print formats as dotnet-script's does: strings as C# literals, true as true.
            Assert.Equal("\"hello script from good v1\"\n\"GoodPlugin:site-baseline Pass\"\n\"ThrowingPlugin:thrower Fail\"\ntrue\n", output.ToString());
            Assert.Single(Directory.GetDirectories(cache.Directory));
        }
    }

    [Fact]
    public void A_changed_plugin_changes_the_cache_key()
    {
        using var plugins = new TestPlugins("GoodPlugin");
        var file = Path.Combine(plugins.Root, "uses-plugin.csx");
        File.WriteAllText(file, Script);
        var closure = ScriptClosure.FromFile(file);
        using var host = plugins.Load();
        var before = KeyOf(closure, host);

        host.Unload();
        plugins.Replace("GoodPlugin", "plugins-v2");
        Assert.Empty(host.Reload());

        Assert.NotEqual(before, KeyOf(closure, host));
        Assert.NotEqual(before, CacheKey.Compute(closure));
    }

    // Not inlined: a temporary holding the plugin's assemblies would keep its context alive through the reload.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static string? KeyOf(ScriptClosure closure, PluginHost host) => CacheKey.Compute(closure, plugins: host.ScriptExtensions.Assemblies);

    [Fact]
    public void Without_the_plugin_the_script_does_not_compile()
    {
        using var plugins = new TestPlugins();
        var file = Path.Combine(plugins.Root, "uses-plugin.csx");
        File.WriteAllText(file, Script);

        var error = Assert.Throws<ScriptException>(() => new ScriptHost(null, TextWriter.Null).Check(ScriptClosure.FromFile(file), CancellationToken.None));

        Assert.Contains("error CS0246: The type or namespace name 'TestPlugins'", error.Message, StringComparison.Ordinal);
    }
}
