using KpatchScript.Scripting.Caching;
using KpatchScript.Scripting.Running;

namespace KpatchScript.Scripting.Publishing;

/// <summary>
/// A script <c>publish</c> wrote, run by <c>exec</c> as a cached script is run: the assembly loads
/// into a run's collectible context with the files beside it, and its entry point is the token the
/// manifest names. Neither Roslyn nor NuGet is loaded (a test checks the loaded assemblies).
/// </summary>
public static class PublishedScript
{
    /// <summary>Runs <paramref name="assemblyPath"/> with the globals, facade context and exit codes of <c>run</c>.</summary>
    public static ScriptOutcome Run(string assemblyPath, IList<string> args, ScriptRunOptions options, CancellationToken cancellationToken) =>
        ScriptRunner.Run(() => Plan(Path.GetFullPath(assemblyPath)), args, options, cancellationToken);

    /// <summary>What to load, checked against its manifest; a DLL publish did not write, or wrote for another build, is one line naming it.</summary>
    internal static ScriptPlan Plan(string assembly)
    {
        if (!File.Exists(assembly))
        {
            throw new ScriptException($"{assembly}: error: no such file");
        }

        var manifestPath = PublishManifest.PathFor(assembly);
        if (!File.Exists(manifestPath))
        {
            throw new ScriptException($"{assembly}: error: not a script published by kpatch-script (no {Path.GetFileName(manifestPath)} beside it): make one with 'kpatch-script publish FILE.csx'");
        }

        var manifest = PublishManifest.Read(manifestPath);
        if (manifest.Version != BuildStamp.Version || manifest.Build != PublishManifest.CurrentBuild)
        {
            throw new ScriptException($"{assembly}: error: published by kpatch-script {manifest.Version} (build {Short(manifest.Build)}); this kpatch-script {BuildStamp.Version} (build {Short(PublishManifest.CurrentBuild)}) has another facade and cannot run it: publish {manifest.Script} again with this version");
        }

        if (manifest.Assembly != Path.GetFileName(assembly) || PublishManifest.Hash(File.ReadAllBytes(assembly)) != manifest.AssemblyHash)
        {
            throw new ScriptException($"{assembly}: error: not the assembly its manifest {Path.GetFileName(manifestPath)} describes (changed or replaced since it was published): publish {manifest.Script} again");
        }

        var directory = Path.GetDirectoryName(assembly)!;
        var references = new List<string>(manifest.References.Count);
        foreach (var name in manifest.References)
        {
            var path = Path.Combine(directory, Path.GetFileName(name));
            if (!File.Exists(path))
            {
                throw new ScriptException($"{assembly}: error: {Path.GetFileName(name)} is missing beside it: copy the whole folder publish wrote");
            }

            references.Add(path);
        }

        return new ScriptPlan(context => context.LoadFromAssemblyPath(assembly), manifest.EntryToken, references);
    }

    private static string Short(string build) => build.Length > 12 ? build[..12] : build;
}
