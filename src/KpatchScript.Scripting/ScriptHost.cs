using System.Runtime.CompilerServices;
using KpatchScript.Scripting.Caching;
using KpatchScript.Scripting.Compilation;
using KpatchScript.Scripting.Directives;
using KpatchScript.Scripting.Running;

namespace KpatchScript.Scripting;

/// <summary>
/// Runs and checks scripts: the closure is hashed (no Roslyn), a cache hit runs the stored
/// assembly; a miss resolves packages, compiles, stores and runs. The compile path sits behind
/// methods that are never inlined, so a cache hit loads neither Roslyn nor NuGet.
/// </summary>
/// <param name="cache">Null runs without the cache (--no-cache).</param>
/// <param name="error">Where compiler and NuGet warnings and notes go (stderr).</param>
/// <param name="sources">NuGet sources to try before the configured ones (folders or URLs).</param>
/// <param name="rules">The site's KPS rule severities and banned APIs (configuration); null for the defaults.</param>
/// <param name="extensions">What plugins add: scripts compile against their assemblies (part of the cache key) and get their checks.</param>
public sealed class ScriptHost(ScriptCache? cache, TextWriter error, IReadOnlyList<string>? sources = null, ScriptRules? rules = null, ScriptExtensions? extensions = null)
{
    private readonly IReadOnlyList<string> _sources = sources ?? [];
    private readonly ScriptExtensions _extensions = extensions ?? ScriptExtensions.None;

    private readonly ScriptRules _rules = rules ?? ScriptRules.Default;

    /// <summary>Runs the script; <see cref="ScriptRunOptions.Extensions"/> is this host's.</summary>
    public ScriptOutcome Run(ScriptClosure closure, IList<string> args, ScriptRunOptions options, CancellationToken cancellationToken) =>
        ScriptRunner.Run(() => Prepare(closure, cancellationToken), args, options.Extensions == _extensions ? options : options with { Extensions = _extensions }, cancellationToken);

    /// <summary>The cached assembly, or a fresh compile (stored when the script can be cached).</summary>
    private ScriptPlan Prepare(ScriptClosure closure, CancellationToken cancellationToken)
    {
        var key = cache is null ? null : CacheKey.Compute(closure, _rules.Fingerprint, _extensions.Assemblies);
        if (cache is not null && key is null)
        {
            NotCached(closure);
        }

        if (key is not null && cache!.TryGet(key) is { } hit)
        {
            return new ScriptPlan(context => context.LoadFromAssemblyPath(hit.Assembly), hit.EntryToken, hit.References);
        }

        var compiled = Compile(closure, key, out var pinned, cancellationToken);
        if (key is not null && !pinned)
        {
            NotCached(closure); // a #load "nuget:" package's own scripts name a package without a pinned version
            key = null;
        }

        var stored = key is null ? null : cache!.Store(key, compiled.Assembly, compiled.EntryToken, compiled.RuntimeReferences);
        return new ScriptPlan(
            context => stored is null ? context.LoadFromStream(new MemoryStream(compiled.Assembly)) : context.LoadFromAssemblyPath(stored),
            compiled.EntryToken, compiled.RuntimeReferences);
    }

    private void NotCached(ScriptClosure closure) =>
        error.WriteLine($"{closure.Main.Path}: warning: not cached: every #r \"nuget:\" and #load \"nuget:\" needs a pinned version (e.g. 1.2.3) for the compiled script to be reused");

    /// <summary>
    /// An interactive session with this host's sources, rules and plugins (<c>repl</c>, <c>run -i</c>);
    /// nothing is cached. <paramref name="cancellationToken"/> is the session's <c>Kpatch.Cancellation</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public Interactive.ReplSession StartRepl(IList<string> args, ScriptRunOptions options, string workingDirectory, CancellationToken cancellationToken) =>
        new(() => new Interactive.SubmissionChain(_sources, _rules, PluginReferences(), error), args, options with { Extensions = _extensions }, error, workingDirectory, cancellationToken);

    /// <summary>
    /// Compiles the script as <see cref="Check"/> does (the KPS rules too: an error publishes
    /// nothing) and writes it to <paramref name="directory"/> for <c>exec</c>: <c>NAME.dll</c>, the
    /// assemblies it loads, and its manifest (<see cref="Publishing.ScriptPublisher"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public Publishing.PublishedFiles Publish(ScriptClosure closure, string directory, CancellationToken cancellationToken) =>
        Publishing.ScriptPublisher.Write(Compile(closure, key: null, out _, cancellationToken), closure.Main.Path, directory, Path.GetFileNameWithoutExtension(closure.Main.Path));

    /// <summary>Compiles without running or caching; warnings are written, errors throw <see cref="ScriptException"/>.</summary>
    public void Check(ScriptClosure closure, CancellationToken cancellationToken) => Compile(closure, key: null, out _, cancellationToken);

    /// <summary>
    /// KPATCH_SCRIPT_ANALYZERS=off compiles without the KPS rules: only for the benchmark that
    /// measures what they cost (tests/benchmarks), not a switch for users.
    /// </summary>
    private static bool AnalyzersOff => Environment.GetEnvironmentVariable("KPATCH_SCRIPT_ANALYZERS") == "off";

    /// <param name="closure">The script as parsed; its #load "nuget:" packages' files are added here.</param>
    /// <param name="key">The cache key, for the assembly's name; null when not cached.</param>
    /// <param name="pinned">Whether every package of the whole closure (the script packages' own files too) is pinned.</param>
    /// <param name="cancellationToken">Stops resolution and the compile.</param>
    /// <remarks>An out parameter, not a tuple: a cache hit's caller would build the tuple type without calling this.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private CompiledScript Compile(ScriptClosure closure, string? key, out bool pinned, CancellationToken cancellationToken)
    {
        var (whole, packages) = PackageReferences.Resolve(closure, _sources, error, cancellationToken);
        var compiled = ScriptCompiler.Compile(whole, packages, "kps-script-" + (key ?? Guid.NewGuid().ToString("N"))[..16], analyze: !AnalyzersOff, _rules, PluginReferences(), cancellationToken);
        foreach (var warning in compiled.Warnings)
        {
            error.WriteLine(warning);
        }

        pinned = whole.Packages.All(p => p.IsPinned);
        return compiled;
    }

    private List<string> PluginReferences()
    {
        var paths = new List<string>(_extensions.Assemblies.Count);
        foreach (var assembly in _extensions.Assemblies)
        {
            paths.Add(assembly.Location);
        }

        return paths;
    }
}
