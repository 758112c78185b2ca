using Microsoft.CodeAnalysis.Diagnostics;

namespace KpatchScript.Analyzers.Tests;

public sealed class ForceTransitionTests : RuleTests
{
    protected override DiagnosticAnalyzer Analyzer => new LivePatchStateWriteAnalyzer();

    protected override string RuleId => LivePatchStateWriteAnalyzer.ForceId;

    protected override string Violation => """[|File.WriteAllText("/sys/kernel/livepatch/livepatch_x/force", "1")|];""";

    protected override string Compliant => """var forced = File.ReadAllText("/sys/kernel/livepatch/livepatch_x/transition");""";

    [Theory]
    [InlineData("""var name = "p"; [|File.WriteAllText($"/sys/kernel/livepatch/{name}/force", "1")|];""")]
    [InlineData("""var name = "p"; [|File.WriteAllText(Path.Combine("/sys/kernel/livepatch", name, "force"), "1")|];""")]
    [InlineData("""var w = [|new StreamWriter("/sys/kernel/livepatch/p/force")|];""")]
    public void Force_writes_are_reported(string statement)
    {
        AnalyzerRunner.VerifyScript(Analyzer, InScript(statement), rule: RuleId);
    }

    [Theory]
    [InlineData("""File.WriteAllText("/sys/kernel/livepatch/p/enabled", "0");""")]
    [InlineData("""File.WriteAllText("/tmp/force", "1");""")]
    public void Other_writes_are_not_reported(string statement)
    {
        AnalyzerRunner.VerifyScript(Analyzer, InScript(statement), rule: RuleId);
    }
}
