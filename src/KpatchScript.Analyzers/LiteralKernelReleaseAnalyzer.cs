using System;
using System.Text.RegularExpressions;
using KpatchScript.Analyzers.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KpatchScript.Analyzers;

/// <summary>
/// KPS1008: a kernel release is written into the script. A script run after the next reboot (or on
/// another host) then installs a patch for a kernel that is not running; the release the facade
/// detects is always the right one.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LiteralKernelReleaseAnalyzer() : KpsAnalyzer(Rule)
{
    public const string Id = "KPS1008";

    internal static readonly DiagnosticDescriptor Rule = RuleInfo.Rule(Id, DiagnosticSeverity.Warning,
        "Do not write a kernel release into a script",
        "The kernel release '{0}' is written out: use the detected release (status.Kernel.Running) or leave it unset for the running kernel",
        "A literal release goes stale at the next kernel update; the facade defaults to the running kernel.");

    // "5.14.0-427.13.1.el9_4.x86_64": three numbers, a dash, then anything without spaces.
    private static readonly Regex s_release = new(@"^\d+\.\d+\.\d+-\S+$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    protected override void Register(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            if (FacadeTypes.From(start.Compilation) is { } types)
            {
                start.RegisterSyntaxNodeAction(c => AnalyzeAssignment(c, types), SyntaxKind.SimpleAssignmentExpression);
                start.RegisterSyntaxNodeAction(c => AnalyzeCall(c, types), SyntaxKind.InvocationExpression);
            }
        });
    }

    // new PackageOptions { KernelRelease = "5.14.0-…" }, options with { KernelRelease = … }.
    private static void AnalyzeAssignment(SyntaxNodeAnalysisContext context, FacadeTypes types)
    {
        if (context.SemanticModel.GetOperation(context.Node, context.CancellationToken) is ISimpleAssignmentOperation
            {
                Target: IPropertyReferenceOperation { Property: { Name: "KernelRelease" } property },
            } assignment
            && SymbolEqualityComparer.Default.Equals(property.ContainingType, types.PackageOptions))
        {
            Report(context, assignment.Value);
        }
    }

    // Any facade method parameter named like kernelRelease.
    private static void AnalyzeCall(SyntaxNodeAnalysisContext context, FacadeTypes types)
    {
        if (context.SemanticModel.GetOperation(context.Node, context.CancellationToken) is not IInvocationOperation invocation
            || !types.IsFacadeMethod(invocation.TargetMethod))
        {
            return;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name.IndexOf("kernelRelease", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                Report(context, argument.Value);
            }
        }
    }

    private static void Report(SyntaxNodeAnalysisContext context, IOperation value)
    {
        var text = KnownText.Of(value);
        if (text.IsComplete && s_release.IsMatch(text.Prefix))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, value.Syntax.GetLocation(), text.Prefix));
        }
    }
}
