using Microsoft.CodeAnalysis.Diagnostics;

namespace KpatchScript.Analyzers.Tests;

/// <summary>
/// The checks every rule gets: its violation is reported at the marked span in a method of a
/// normal compilation, as a script top-level statement (which operation actions never see), in a
/// #load'ed file, and not at all under #pragma warning disable; its compliant form is not reported.
/// A rule's test class names one violating and one compliant statement, with a variable
/// <c>kp</c> (the facade) in scope, and adds the rule's own cases.
/// </summary>
public abstract class RuleTests
{
    private const string Usings = """
        using System;
        using System.Diagnostics;
        using System.IO;
        using System.Threading.Tasks;
        using KpatchScript;
        using KpatchScript.Operations;

        """;

    protected abstract DiagnosticAnalyzer Analyzer { get; }

    /// <summary>The rule under test: the analyzer's only one unless it has several.</summary>
    protected virtual string RuleId => Analyzer.SupportedDiagnostics.Single().Id;

    /// <summary>
    /// A statement breaking the rule, with [|…|] around where it is reported. An expression
    /// statement, not a declaration: a top-level <c>var x = …;</c> is a field initializer, which
    /// operation actions do see, so only a statement proves the rule works in scripts.
    /// </summary>
    protected abstract string Violation { get; }

    /// <summary>The statement to write instead.</summary>
    protected abstract string Compliant { get; }

    /// <summary>Additional files the rule reads (a banned-API list), by path; none by default.</summary>
    protected virtual IReadOnlyDictionary<string, string>? AdditionalFiles => null;

    [Fact]
    public void Violation_is_reported_in_a_method()
    {
        AnalyzerRunner.VerifyRegular(Analyzer, InMethod(Violation), AdditionalFiles, RuleId);
    }

    [Fact]
    public void Violation_is_reported_in_a_script_top_level_statement()
    {
        AnalyzerRunner.VerifyScript(Analyzer, InScript(Violation), additionalFiles: AdditionalFiles, rule: RuleId);
    }

    [Fact]
    public void Violation_is_reported_in_a_loaded_script()
    {
        AnalyzerRunner.VerifyScript(
            Analyzer,
            "#load \"lib.csx\"\n",
            new Dictionary<string, string> { ["lib.csx"] = InScript(Violation) },
            AdditionalFiles,
            RuleId);
    }

    [Fact]
    public void Violation_is_not_reported_under_pragma_warning_disable()
    {
        AnalyzerRunner.VerifyScript(Analyzer, InScript($"#pragma warning disable {RuleId}\n{Unmarked(Violation)}"), additionalFiles: AdditionalFiles, rule: RuleId);
    }

    [Fact]
    public void Compliant_form_is_not_reported()
    {
        AnalyzerRunner.VerifyRegular(Analyzer, InMethod(Compliant), AdditionalFiles, RuleId);
        AnalyzerRunner.VerifyScript(Analyzer, InScript(Compliant), additionalFiles: AdditionalFiles, rule: RuleId);
    }

    protected static string InScript(string statements) => Usings + "var kp = Kpatch.Connect();\n" + statements + "\n";

    protected static string InMethod(string statements) => Usings + $$"""
        public static class C
        {
            public static async Task M()
            {
                var kp = Kpatch.Connect();
        {{statements}}
            }
        }
        """;

    private static string Unmarked(string markup) => markup.Replace("[|", "", StringComparison.Ordinal).Replace("|]", "", StringComparison.Ordinal);
}
