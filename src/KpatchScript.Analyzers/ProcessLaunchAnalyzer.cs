using System;
using System.Collections.Generic;
using System.Linq;
using KpatchScript.Analyzers.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KpatchScript.Analyzers;

/// <summary>
/// KPS1001: a script starts a tool the facade owns. The facade takes the host lock, writes the
/// journal, honours --dry-run and checks the kernel release; a process started by hand does none of it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProcessLaunchAnalyzer() : KpsAnalyzer(Rule)
{
    public const string Id = "KPS1001";

    internal static readonly DiagnosticDescriptor Rule = RuleInfo.Rule(Id, DiagnosticSeverity.Error,
        "Do not start a tool the facade owns",
        "Do not start '{0}' yourself: call the facade (Kpatch.Connect()) so the host lock, the journal and --dry-run apply",
        "kpatch, dnf, yum, rpm, insmod, rmmod and modprobe (and systemctl on the kpatch service) change live-patch state; only the facade runs them.");

    // Matched on the file name, so "/usr/sbin/kpatch" counts as "kpatch".
    private static readonly HashSet<string> s_ownedTools = new(StringComparer.Ordinal)
    {
        "kpatch", "dnf", "yum", "rpm", "insmod", "rmmod", "modprobe",
    };

    protected override void Register(AnalysisContext context)
    {
        context.RegisterSyntaxNodeAction(
            AnalyzeCall,
            SyntaxKind.InvocationExpression,
            SyntaxKind.ObjectCreationExpression,
            SyntaxKind.ImplicitObjectCreationExpression);
        context.RegisterSyntaxNodeAction(AnalyzeAssignment, SyntaxKind.SimpleAssignmentExpression);
    }

    // Process.Start("dnf", ...), new ProcessStartInfo("dnf", ...) and new ProcessStartInfo { FileName = "dnf", ... }.
    private static void AnalyzeCall(SyntaxNodeAnalysisContext context)
    {
        var operation = context.SemanticModel.GetOperation(context.Node, context.CancellationToken);
        IOperation? fileName = operation switch
        {
            IInvocationOperation invocation when IsProcess(invocation.TargetMethod.ContainingType) && invocation.TargetMethod.Name == "Start"
                => Symbols.Argument(invocation.Arguments, "fileName"),
            IObjectCreationOperation creation when IsStartInfo(creation.Type)
                => (IOperation?)Symbols.Argument(creation.Arguments, "fileName") ?? InitializedFileName(creation),
            _ => null,
        };
        if (fileName is null)
        {
            return;
        }

        var tool = Tool(KnownText.Of(fileName));
        if (tool is not null && (s_ownedTools.Contains(tool) || (tool == "systemctl" && MentionsKpatch(operation!))))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, context.Node.GetLocation(), tool));
        }
    }

    // startInfo.FileName = "dnf" outside an initializer (initializers are checked with their creation,
    // where the arguments are known for the systemctl case).
    private static void AnalyzeAssignment(SyntaxNodeAnalysisContext context)
    {
        if (context.Node.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.InitializerExpressionSyntax
            || context.SemanticModel.GetOperation(context.Node, context.CancellationToken) is not ISimpleAssignmentOperation assignment
            || assignment.Target is not IPropertyReferenceOperation { Property: { Name: "FileName" } property }
            || !IsStartInfo(property.ContainingType))
        {
            return;
        }

        var tool = Tool(KnownText.Of(assignment.Value));
        if (tool is not null && s_ownedTools.Contains(tool))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, context.Node.GetLocation(), tool));
        }
    }

    private static IOperation? InitializedFileName(IObjectCreationOperation creation) =>
        creation.Initializer?.Initializers
            .OfType<ISimpleAssignmentOperation>()
            .FirstOrDefault(a => a.Target is IPropertyReferenceOperation { Property.Name: "FileName" })
            ?.Value;

    // The program's file name when it is known whole: "kpatch" from "/usr/sbin/kpatch".
    private static string? Tool(KnownText fileName) =>
        fileName.IsComplete ? fileName.Prefix.Substring(fileName.Prefix.LastIndexOf('/') + 1) : null;

    // systemctl is fine for other units; it is kpatch's when any string in the call names kpatch.
    private static bool MentionsKpatch(IOperation call) =>
        call.Descendants().Any(o => o.ConstantValue is { HasValue: true, Value: string text }
            && text.IndexOf("kpatch", StringComparison.OrdinalIgnoreCase) >= 0);

    private static bool IsProcess(ITypeSymbol? type) => Symbols.Is(type, "System.Diagnostics", "Process");

    private static bool IsStartInfo(ITypeSymbol? type) => Symbols.Is(type, "System.Diagnostics", "ProcessStartInfo");
}
