using KpatchScript.Analyzers.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KpatchScript.Analyzers;

/// <summary>
/// KPS1004: the acknowledgement of an unload is not written out at the call site. Red Hat does not
/// support reverting a live patch without a reboot; a reviewer must see every revert in the
/// script, not a variable set somewhere else.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnloadAcknowledgementAnalyzer() : KpsAnalyzer(Rule)
{
    public const string Id = "KPS1004";

    private const string Member = "RevertingWithoutRebootIsUnsupported";

    internal static readonly DiagnosticDescriptor Rule = RuleInfo.Rule(Id, DiagnosticSeverity.Error,
        "Acknowledge an unload at the call site",
        "Pass RevertAcknowledgement.RevertingWithoutRebootIsUnsupported itself to UnloadAsync or UnloadAllAsync, not a variable or expression, so the revert is visible in review",
        "Reverting a live patch without a reboot is unsupported; each revert names the acknowledgement where it happens.");

    protected override void Register(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            if (FacadeTypes.From(start.Compilation) is { RevertAcknowledgement: not null } types)
            {
                start.RegisterSyntaxNodeAction(c => Analyze(c, types), SyntaxKind.InvocationExpression);
            }
        });
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, FacadeTypes types)
    {
        if (context.SemanticModel.GetOperation(context.Node, context.CancellationToken) is not IInvocationOperation invocation
            || invocation.TargetMethod.Name is not ("UnloadAsync" or "UnloadAllAsync")
            || !types.IsFacadeMethod(invocation.TargetMethod)
            || Symbols.Argument(invocation.Arguments, "acknowledgement") is not { Syntax: ArgumentSyntax argument })
        {
            return;
        }

        if (!IsMemberWrittenOut(argument.Expression, context.SemanticModel, types.RevertAcknowledgement!, context))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, argument.Expression.GetLocation()));
        }
    }

    // RevertAcknowledgement.RevertingWithoutRebootIsUnsupported, qualified or (with using static)
    // not, in parentheses or not; a cast, a ternary, a local or a field is not written out.
    private static bool IsMemberWrittenOut(ExpressionSyntax expression, SemanticModel model, INamedTypeSymbol enumType, SyntaxNodeAnalysisContext context)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        if (expression is not (MemberAccessExpressionSyntax or IdentifierNameSyntax))
        {
            return false;
        }

        return model.GetSymbolInfo(expression, context.CancellationToken).Symbol is IFieldSymbol { Name: Member } field
            && SymbolEqualityComparer.Default.Equals(field.ContainingType, enumType);
    }
}
