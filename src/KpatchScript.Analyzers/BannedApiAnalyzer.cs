using KpatchScript.Analyzers.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KpatchScript.Analyzers;

/// <summary>
/// KPS1009: a use of an API the site banned. The list comes from additional files named as
/// Microsoft.CodeAnalysis.BannedApiAnalyzers names them (<c>BannedSymbols.txt</c>,
/// <c>BannedSymbols.*.txt</c>), in its format: one documentation comment id a line (<c>T:</c>
/// type, <c>M:</c> method, constructor or operator, <c>P:</c> property, <c>F:</c> field,
/// <c>E:</c> event, <c>N:</c> namespace), optionally followed by <c>;</c> and the message to show.
/// The script host hands it the file named by <c>banned_symbols_file</c> in the configuration; a
/// project adds it as an AdditionalFiles item. Without such a file the rule registers nothing.
/// <para>
/// Why not run BannedApiAnalyzers itself in the script compile: its 5.6.0 build needs only
/// Roslyn 4.12 and loads in the host, but it works through operation actions, and Roslyn raises
/// none for a script's top-level statements. Run on a script, it missed
/// <c>System.IO.File.Delete(...)</c> written as a statement and reported it only inside a local
/// function or a top-level variable's initializer (measured on 5.6.0 in Roslyn 5.12). So this rule
/// matches what RS0030 matches (the operations in <see cref="BannedUses"/>, base types,
/// <c>cref</c>s), with the same operation actions where Roslyn raises them and a walk of each
/// top-level statement's operations where it does not. Attributes need no action of their own:
/// Roslyn hands an attribute to operation actions as the object creation it stands for, which
/// checks the attribute type and its constructor.
/// </para>
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BannedApiAnalyzer() : KpsAnalyzer(Rule)
{
    public const string Id = "KPS1009";

    internal static readonly DiagnosticDescriptor Rule = RuleInfo.Rule(Id, DiagnosticSeverity.Error,
        "Do not use an API banned on this site",
        "'{0}' is banned on this site{1}",
        "The site's banned-API list (banned_symbols_file in the configuration, or a BannedSymbols.txt additional file) names APIs scripts and plugins must not use.");

    protected override void Register(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var banned = BannedSymbols.Read(start.Options.AdditionalFiles, start.Compilation, start.CancellationToken);
            if (banned.IsEmpty)
            {
                return;
            }

            start.RegisterOperationAction(c => BannedUses.Check(c.Operation, banned, Rule, c.ReportDiagnostic), BannedUses.Kinds);
            start.RegisterSyntaxNodeAction(c => AnalyzeTopLevelStatement(c, banned), SyntaxKind.GlobalStatement);
            start.RegisterSyntaxNodeAction(c => AnalyzeBaseType(c, banned), SyntaxKind.SimpleBaseType, SyntaxKind.PrimaryConstructorBaseType);
            start.RegisterSyntaxNodeAction(c => AnalyzeCref(c, banned), SyntaxKind.XmlCrefAttribute);
        });
    }

    // A script's top-level statement: the operation actions above are not raised for it. A top-level
    // variable is a field of the script and a top-level local function a method: those the
    // operation actions do see, so they are left to them (one diagnostic per use).
    private static void AnalyzeTopLevelStatement(SyntaxNodeAnalysisContext context, BannedSymbols banned)
    {
        var statement = ((GlobalStatementSyntax)context.Node).Statement;
        if (statement is LocalDeclarationStatementSyntax or LocalFunctionStatementSyntax
            || context.SemanticModel.GetOperation(statement, context.CancellationToken) is not { } root)
        {
            return;
        }

        foreach (var operation in root.DescendantsAndSelf())
        {
            if (System.Array.IndexOf(BannedUses.Kinds, operation.Kind) >= 0)
            {
                BannedUses.Check(operation, banned, Rule, context.ReportDiagnostic);
            }
        }
    }

    // class C : BannedType, and C(int x) : BannedType(x).
    private static void AnalyzeBaseType(SyntaxNodeAnalysisContext context, BannedSymbols banned)
    {
        var type = ((BaseTypeSyntax)context.Node).Type;
        if (context.SemanticModel.GetSymbolInfo(type, context.CancellationToken).Symbol is ITypeSymbol symbol)
        {
            Report(context, banned.FindType(symbol), type.GetLocation());
        }
    }

    // <see cref="BannedType"/> in a documentation comment.
    private static void AnalyzeCref(SyntaxNodeAnalysisContext context, BannedSymbols banned)
    {
        var cref = ((XmlCrefAttributeSyntax)context.Node).Cref;
        var symbol = context.SemanticModel.GetSymbolInfo(cref, context.CancellationToken).Symbol;
        var entry = symbol is ITypeSymbol type ? banned.FindType(type) : symbol is null ? null : banned.FindMember(symbol);
        Report(context, entry, cref.GetLocation());
    }

    private static void Report(SyntaxNodeAnalysisContext context, BannedSymbols.Entry? entry, Location? at = null)
    {
        if (entry is { } found)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, at ?? context.Node.GetLocation(), found.Display, found.Message));
        }
    }
}
