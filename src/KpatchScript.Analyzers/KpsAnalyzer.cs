using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KpatchScript.Analyzers;

/// <summary>
/// What every KPS analyzer does the same way: it names its rules once, runs concurrently and skips
/// generated code (the rules are about code people write). A rule only registers its actions.
/// </summary>
public abstract class KpsAnalyzer(params DiagnosticDescriptor[] rules) : DiagnosticAnalyzer
{
    private readonly ImmutableArray<DiagnosticDescriptor> _rules = [.. rules];

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => _rules;

    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        Register(context);
    }

    /// <summary>Registers the rule's actions.</summary>
    protected abstract void Register(AnalysisContext context);
}
