using System.Reflection;
using System.Runtime.Loader;

namespace KpatchScript.Scripting.Running;

/// <summary>What a run executes: how to load the script assembly, where its entry point is, and the files it references.</summary>
/// <param name="Load">Loads the script assembly into the run's context.</param>
/// <param name="EntryToken">Metadata token of <c>Submission#0.&lt;Factory&gt;</c> (<see cref="Compilation.CompiledScript.EntryToken"/>).</param>
/// <param name="References">Files of #r and package assemblies the script loads.</param>
public sealed record ScriptPlan(Func<AssemblyLoadContext, Assembly> Load, int EntryToken, IReadOnlyList<string> References);
