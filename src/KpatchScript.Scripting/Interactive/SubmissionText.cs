using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KpatchScript.Scripting.Interactive;

/// <summary>Whether typed lines make a whole submission yet, as dotnet-script's REPL decides it.</summary>
internal static class SubmissionText
{
    private static readonly CSharpParseOptions Script = new(LanguageVersion.Preview, kind: SourceCodeKind.Script);

    public static bool IsComplete(string code) => SyntaxFactory.IsCompleteSubmission(SyntaxFactory.ParseSyntaxTree(code, Script));
}
