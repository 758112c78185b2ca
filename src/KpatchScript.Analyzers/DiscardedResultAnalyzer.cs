using System.Collections.Immutable;
using KpatchScript.Analyzers.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KpatchScript.Analyzers;

/// <summary>
/// KPS1007: the result of a mutating facade call is thrown away. The facade reports failures (a
/// refused unload, a stalled transition, a failed dnf run) in the OperationResult rather than by
/// throwing, so a discarded result is a failure nobody sees.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DiscardedResultAnalyzer() : KpsAnalyzer(Rule)
{
    public const string Id = "KPS1007";

    internal static readonly DiagnosticDescriptor Rule = RuleInfo.Rule(Id, DiagnosticSeverity.Warning,
        "Check the result of a facade operation",
        "The OperationResult of '{0}' is discarded: check it (result.Succeeded) or assign it to _ to discard it on purpose",
        "InstallAsync, UpdateAsync, RemoveAsync, DowngradeAsync, SetAutoUpdateAsync, LoadAsync, LoadAllAsync, UnloadAsync and UnloadAllAsync report failure in their result.");

    private static readonly ImmutableHashSet<string> s_mutating =
        ImmutableHashSet.Create("InstallAsync", "UpdateAsync", "RemoveAsync", "DowngradeAsync", "SetAutoUpdateAsync", "LoadAsync", "LoadAllAsync", "UnloadAsync", "UnloadAllAsync");

    protected override void Register(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            if (FacadeTypes.From(start.Compilation) is { } types)
            {
                start.RegisterSyntaxNodeAction(c => Analyze(c, types), SyntaxKind.ExpressionStatement);
            }
        });
    }

    // `await kp.LoadAsync(...);`, `kp.LoadAsync(...);` and `await kp.LoadAsync(...).ConfigureAwait(false);`
    // as statements; `_ = await ...` and `var r = await ...` are not expression statements of a call.
    private static void Analyze(SyntaxNodeAnalysisContext context, FacadeTypes types)
    {
        var expression = ((ExpressionStatementSyntax)context.Node).Expression;
        if (expression is AwaitExpressionSyntax awaited)
        {
            expression = awaited.Expression;
        }

        var operation = context.SemanticModel.GetOperation(expression, context.CancellationToken);
        if (operation is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
        {
            operation = configured;
        }

        if (operation is IInvocationOperation { TargetMethod: var method }
            && s_mutating.Contains(method.Name)
            && types.IsFacadeMethod(method))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, context.Node.GetLocation(), method.Name));
        }
    }
}
