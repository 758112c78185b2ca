using Microsoft.CodeAnalysis.Diagnostics;

namespace KpatchScript.Analyzers.Tests;

public sealed class BlockingWaitTests : RuleTests
{
    protected override DiagnosticAnalyzer Analyzer => new BlockingWaitAnalyzer();

    protected override string Violation => """Console.WriteLine([|kp.DetectAsync().Result|]);""";

    protected override string Compliant => """var status = await kp.DetectAsync();""";

    [Theory]
    [InlineData("""[|kp.DetectAsync().Wait()|];""")]
    [InlineData("""var s = [|kp.DetectAsync().GetAwaiter().GetResult()|];""")]
    [InlineData("""var s = [|kp.DetectAsync().ConfigureAwait(false).GetAwaiter().GetResult()|];""")]
    [InlineData("""var v = [|new ValueTask<int>(1).Result|];""")]
    [InlineData("""[|Task.Delay(1).GetAwaiter().GetResult()|];""")]
    public void Blocking_forms_are_reported(string statement)
    {
        AnalyzerRunner.VerifyScript(Analyzer, InScript(statement));
    }

    [Fact]
    public void Other_members_named_Result_are_not_reported()
    {
        AnalyzerRunner.VerifyScript(Analyzer, InScript("""var t = (Result: 1, Other: 2); var x = t.Result;"""));
    }
}
