using KpatchScript.Analyzers.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KpatchScript.Analyzers;

/// <summary>
/// KPS1005: a script blocks on a task. Scripts run top-level statements asynchronously; blocking a
/// thread on a facade call ignores cancellation (Ctrl+C, the run timeout) while it waits and wraps
/// failures in AggregateException.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingWaitAnalyzer() : KpsAnalyzer(Rule)
{
    public const string Id = "KPS1005";

    internal static readonly DiagnosticDescriptor Rule = RuleInfo.Rule(Id, DiagnosticSeverity.Warning,
        "Do not block on a task",
        "Do not block with '{0}': await the task instead",
        "Task.Result, Task.Wait() and GetAwaiter().GetResult() block a thread; scripts support top-level await.");

    private const string CompilerServices = "System.Runtime.CompilerServices";

    protected override void Register(AnalysisContext context)
    {
        context.RegisterSyntaxNodeAction(AnalyzeResult, SyntaxKind.SimpleMemberAccessExpression);
        context.RegisterSyntaxNodeAction(AnalyzeCall, SyntaxKind.InvocationExpression);
    }

    // task.Result on Task<T> or ValueTask<T>.
    private static void AnalyzeResult(SyntaxNodeAnalysisContext context)
    {
        if (context.SemanticModel.GetOperation(context.Node, context.CancellationToken) is IPropertyReferenceOperation { Property: { Name: "Result" } property }
            && IsTask(property.ContainingType))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, context.Node.GetLocation(), ".Result"));
        }
    }

    // task.Wait(...) and task.GetAwaiter().GetResult() (also after ConfigureAwait).
    private static void AnalyzeCall(SyntaxNodeAnalysisContext context)
    {
        if (context.SemanticModel.GetOperation(context.Node, context.CancellationToken) is not IInvocationOperation { TargetMethod: var method })
        {
            return;
        }

        var blocking = method.Name switch
        {
            "Wait" when !method.IsStatic && IsTask(method.ContainingType) => ".Wait()",
            "GetResult" when IsTaskAwaiter(method.ContainingType) => ".GetAwaiter().GetResult()",
            _ => null,
        };
        if (blocking is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, context.Node.GetLocation(), blocking));
        }
    }

    private static bool IsTask(ITypeSymbol? type) =>
        Symbols.Is(type, "System.Threading.Tasks", "Task") || Symbols.Is(type, "System.Threading.Tasks", "ValueTask");

    // TaskAwaiter, ValueTaskAwaiter and the ConfigureAwait awaiters (nested types); not YieldAwaiter,
    // whose GetResult does not wait.
    private static bool IsTaskAwaiter(INamedTypeSymbol? type)
    {
        if (type is null || !type.Name.EndsWith("TaskAwaiter", System.StringComparison.Ordinal))
        {
            return false;
        }

        var outermost = type;
        while (outermost.ContainingType is not null)
        {
            outermost = outermost.ContainingType;
        }

        return outermost.ContainingNamespace?.ToDisplayString() == CompilerServices;
    }
}
