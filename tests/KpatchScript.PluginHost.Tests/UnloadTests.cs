using System.Reflection;
using System.Runtime.CompilerServices;
using KpatchScript.TestFixtures;
using KpatchScript.Verification;

namespace KpatchScript.PluginHosting.Tests;

public sealed class UnloadTests
{
    [Fact]
    public void After_unload_and_collection_the_plugin_assembly_is_gone()
    {
        using var plugins = new TestPlugins("GoodPlugin");
        var record = Path.Combine(plugins.Root, "deliveries.txt");
        var host = plugins.Load(configuration: new Dictionary<string, string> { ["GoodPlugin"] = $$"""{"record_to": "{{record}}"}""" });
        var assembly = LoadAndUse(host);

        Assert.Empty(host.Unload());

        Assert.True(Collected(assembly), "the plugin's assembly is still alive after unloading and collecting");
        Assert.Equal("disposed", File.ReadAllText(record + ".disposed"));
        Assert.Empty(host.VerificationChecks);
        Assert.Equal(PluginDirectoryState.Searched, Assert.Single(host.Directories).State);
    }

    [Fact]
    public async Task A_wrapper_kept_past_unload_says_the_plugin_was_unloaded_and_does_not_keep_it_alive()
    {
        using var plugins = new TestPlugins("GoodPlugin");
        using var host = plugins.Load();
        var check = host.VerificationChecks[0];
        var sink = host.AlertSinks[0];
        var assembly = LoadAndUse(host);

        host.Unload();

        Assert.True(Collected(assembly), "a wrapper held by a caller keeps the plugin alive");
        var noAnswer = await Assert.ThrowsAsync<CheckNotAnsweredException>(() => check.CheckAsync(new Plugins.VerificationCheckContext(Sysroot.Status(), Targets.HostSystems.Open("local"), TimeProvider.System), CancellationToken.None));
        Assert.Equal("plugin GoodPlugin: check 'GoodPlugin:site-baseline': the plugin was unloaded; reload it to use it again", noAnswer.Message);
        Assert.Equal("plugin GoodPlugin: alert sink 'recording': threw System.InvalidOperationException: the plugin was unloaded; reload it to use it again",
            (await Assert.ThrowsAsync<PluginException>(() => sink.DeliverAsync(Sysroot.Batch(), CancellationToken.None))).Message);
    }

    [Fact]
    public void A_reloaded_plugin_sees_its_replaced_files()
    {
        using var plugins = new TestPlugins("GoodPlugin");
        using var host = plugins.Load();
        Assert.Equal(("0.1.0", "good v1"), (host.Plugins[0].Version, host.Plugins[0].Description![..7]));

        host.Unload();
        plugins.Replace("GoodPlugin", "plugins-v2");
        Assert.Empty(host.Reload());

        Assert.Equal((PluginState.Loaded, "2.0.0", "good v2"), (host.Plugins[0].State, host.Plugins[0].Version, host.Plugins[0].Description![..7]));
        Assert.Equal("hello you from good v2", Greet(host));
    }

    /// <summary>Uses the plugin through the host, then returns only a weak reference to its assembly (no local keeps it alive).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadAndUse(PluginHost host)
    {
        Assert.Equal(CheckResult.Pass, Sysroot.Facade(host).Verify().Checks.Single(c => c.Name == "GoodPlugin:site-baseline").Result);
        host.AlertSinks[0].DeliverAsync(Sysroot.Batch(), CancellationToken.None).GetAwaiter().GetResult();
        return new WeakReference(host.ScriptExtensions.Assemblies.Single());
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string Greet(PluginHost host) =>
        (string)host.ScriptExtensions.Assemblies.Single().GetType("TestPlugins.Good.Greeter")!.GetMethod("Greet", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, ["you"])!;

    /// <summary>A collectible context goes in several collections: the context first, then its assemblies after their finalizers.</summary>
    private static bool Collected(WeakReference reference)
    {
        for (var i = 0; i < 50 && reference.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return !reference.IsAlive;
    }
}
