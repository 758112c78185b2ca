using System.Collections.Immutable;
using KpatchScript.Analyzers.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KpatchScript.Analyzers;

/// <summary>
/// KPS1009: a use of an API the site banned. The list comes from an additional file named
/// <c>BannedSymbols.txt</c> (or <c>*.BannedSymbols.txt</c>) in the BannedSymbols format of
/// Microsoft.CodeAnalysis.BannedApiAnalyzers: one documentation comment id a line
/// (<c>T:</c> type, <c>M:</c> method or constructor, <c>P:</c> property, <c>F:</c> field,
/// <c>E:</c> event, <c>N:</c> namespace), optionally followed by <c>;</c> and the message to show.
/// The script host hands it the file named by <c>banned_symbols_file</c> in the configuration;
/// a project adds it as an AdditionalFiles item. Without such a file the rule registers nothing.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BannedApiAnalyzer : DiagnosticAnalyzer
{
    public const string Id = "KPS1009";

    internal static readonly DiagnosticDescriptor Rule = new(
        Id,
        "Do not use an API banned on this site",
        "'{0}' is banned on this site{1}",
        RuleInfo.Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The site's banned-API list (banned_symbols_file in the configuration, or a BannedSymbols.txt additional file) names APIs scripts and plugins must not use.",
        helpLinkUri: RuleInfo.HelpBase + Id + ".md");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var banned = BannedSymbols.Read(start.Options.AdditionalFiles, start.Compilation, start.CancellationToken);
            if (banned.IsEmpty)
            {
                return;
            }

            start.RegisterSyntaxNodeAction(c => AnalyzeName(c, banned), SyntaxKind.IdentifierName, SyntaxKind.GenericName);
            start.RegisterSyntaxNodeAction(c => AnalyzeCreation(c, banned), SyntaxKind.ObjectCreationExpression, SyntaxKind.ImplicitObjectCreationExpression);
        });
    }

    private static void AnalyzeName(SyntaxNodeAnalysisContext context, BannedSymbols banned)
    {
        var name = (SimpleNameSyntax)context.Node;
        if (name.IsVar || IsTypeOfCreation(name) || name.Parent is UsingDirectiveSyntax || IsQualifierOfName(name))
        {
            return; // 'var', the type of a 'new' (the constructor is checked there), and usings are not uses
        }

        var symbol = context.SemanticModel.GetSymbolInfo(name, context.CancellationToken).Symbol;
        if (symbol is null or INamespaceSymbol)
        {
            return;
        }

        // A member of a banned type is reported at the type's name when the code names the type
        // (File.Delete: once, at File); reached through an instance, at the member.
        var typeNamedBefore = name.Parent is MemberAccessExpressionSyntax access && access.Name == name
            && context.SemanticModel.GetSymbolInfo(access.Expression, context.CancellationToken).Symbol is ITypeSymbol;
        if (banned.Find(symbol, includeContainers: !typeNamedBefore) is { } entry)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, name.GetLocation(), entry.Display, entry.Message));
        }
    }

    private static void AnalyzeCreation(SyntaxNodeAnalysisContext context, BannedSymbols banned)
    {
        if (context.SemanticModel.GetSymbolInfo(context.Node, context.CancellationToken).Symbol is IMethodSymbol constructor
            && banned.Find(constructor, includeContainers: true) is { } entry)
        {
            var at = context.Node is ObjectCreationExpressionSyntax creation ? creation.Type.GetLocation() : context.Node.GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(Rule, at, entry.Display, entry.Message));
        }
    }

    // The type named in 'new T()' (also 'new N.T()'): the constructor is the use, reported once there.
    private static bool IsTypeOfCreation(SimpleNameSyntax name)
    {
        SyntaxNode node = name;
        while (node.Parent is QualifiedNameSyntax or AliasQualifiedNameSyntax)
        {
            node = node.Parent;
        }

        return node.Parent is ObjectCreationExpressionSyntax creation && creation.Type == node;
    }

    // System in System.IO.File: the namespace part of a qualified name is not a use of anything.
    private static bool IsQualifierOfName(SimpleNameSyntax name) =>
        name.Parent is QualifiedNameSyntax qualified && qualified.Left == name;
}
