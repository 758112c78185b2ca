using KpatchScript.Analyzers.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KpatchScript.Analyzers;

/// <summary>
/// KPS1006: a script ends the process. The runner writes the journal entry and releases the host
/// lock after the script returns; ending the process skips both and can leave the next run locked out.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProcessExitAnalyzer() : KpsAnalyzer(Rule)
{
    public const string Id = "KPS1006";

    internal static readonly DiagnosticDescriptor Rule = RuleInfo.Rule(Id, DiagnosticSeverity.Error,
        "Do not end the process",
        "Do not call '{0}': it skips the journal and the lock release; return an exit code from the script instead",
        "Environment.Exit, Environment.FailFast and Process.GetCurrentProcess().Kill() end the run before the host cleans up.");

    protected override void Register(AnalysisContext context)
    {
        context.RegisterSyntaxNodeAction(Analyze, SyntaxKind.InvocationExpression);
    }

    private static void Analyze(SyntaxNodeAnalysisContext context)
    {
        if (context.SemanticModel.GetOperation(context.Node, context.CancellationToken) is not IInvocationOperation invocation)
        {
            return;
        }

        var method = invocation.TargetMethod;
        var call = method.Name switch
        {
            "Exit" or "FailFast" when Symbols.Is(method.ContainingType, "System", "Environment") => "Environment." + method.Name,
            "Kill" when IsCurrentProcess(invocation.Instance) => "Process.GetCurrentProcess().Kill",
            _ => null,
        };
        if (call is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, context.Node.GetLocation(), call));
        }
    }

    private static bool IsCurrentProcess(IOperation? instance) =>
        instance is IInvocationOperation { TargetMethod: { Name: "GetCurrentProcess" } getter }
        && Symbols.Is(getter.ContainingType, "System.Diagnostics", "Process");
}
