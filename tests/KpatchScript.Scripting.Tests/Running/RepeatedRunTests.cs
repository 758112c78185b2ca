using System.Runtime.Loader;
using KpatchScript.Scripting.Caching;
using KpatchScript.Scripting.Directives;
using KpatchScript.Scripting.Running;

namespace KpatchScript.Scripting.Tests.Running;

/// <summary>
/// A long-lived host (the library API) running scripts again and again: each run's load context
/// goes away. Alone in its collection, without parallel tests, so no other test's assemblies are counted.
/// </summary>
[Collection(Isolated.Name)]
public sealed class RepeatedRunTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-repeat-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Two_hundred_runs_in_one_process_leave_no_growth_in_loaded_assemblies()
    {
        var script = Path.Combine(_directory, "count.csx");
        File.WriteAllText(script, "var total = Enumerable.Range(0, int.Parse(Args[0])).Sum();\nreturn total == 45 ? 0 : 1;\n");
        var host = new ScriptHost(new ScriptCache(Path.Combine(_directory, "cache")), TextWriter.Null);
        var options = new ScriptRunOptions { Out = TextWriter.Null };

        // The first runs compile (Roslyn loads once); count after them.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(0, host.Run(ScriptClosure.FromFile(script), ["10"], options, CancellationToken.None).ExitCode);
        }

        var before = LoadedAfterCollection();
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(0, host.Run(ScriptClosure.FromFile(script), ["10"], options, CancellationToken.None).ExitCode);
        }

        var after = LoadedAfterCollection();
        Assert.True(after - before <= 3, $"{after - before} more assemblies loaded after 200 runs ({before} before, {after} after)");
        Assert.True(ScriptAssemblies() <= 3, $"{ScriptAssemblies()} script assemblies stayed loaded");
        Assert.True(AssemblyLoadContext.All.Count(c => c.Name == "kpatch-script") <= 3, "script load contexts were not unloaded");
    }

    /// <summary>
    /// Loaded assemblies once collectible contexts had their chance to unload. Unloading takes
    /// several collections (the context first, then its assemblies after their finalizers).
    /// </summary>
    private static int LoadedAfterCollection()
    {
        for (var i = 0; i < 50 && ScriptAssemblies() > 1; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return AppDomain.CurrentDomain.GetAssemblies().Length;
    }

    private static int ScriptAssemblies() =>
        AppDomain.CurrentDomain.GetAssemblies().Count(a => a.GetName().Name!.StartsWith("kps-script-", StringComparison.Ordinal));
}

/// <summary>Tests that must not share the process with parallel ones (they count loaded assemblies).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Isolated
{
    public const string Name = "isolated";
}
