using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KpatchScript.Scripting.Compilation;

/// <summary>The KPS rules of KpatchScript.Analyzers, found once by reflection so a new rule needs no change here.</summary>
internal static class ScriptAnalyzers
{
    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> Instances = new(() =>
        [.. typeof(KpatchScript.Analyzers.ProcessExitAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)]);

    public static ImmutableArray<DiagnosticAnalyzer> All => Instances.Value;
}
