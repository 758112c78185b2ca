using Microsoft.CodeAnalysis.Diagnostics;

namespace KpatchScript.Analyzers.Tests;

public sealed class ProcessExitTests : RuleTests
{
    protected override DiagnosticAnalyzer Analyzer => new ProcessExitAnalyzer();

    protected override string Violation => """[|Environment.Exit(2)|];""";

    protected override string Compliant => """Environment.ExitCode = 2;""";

    [Theory]
    [InlineData("""[|Environment.FailFast("stuck")|];""")]
    [InlineData("""[|Process.GetCurrentProcess().Kill()|];""")]
    [InlineData("""[|Process.GetCurrentProcess().Kill(true)|];""")]
    public void Other_ways_to_end_the_process_are_reported(string statement)
    {
        AnalyzerRunner.VerifyScript(Analyzer, InScript(statement));
    }

    [Fact]
    public void Killing_another_process_is_not_reported()
    {
        AnalyzerRunner.VerifyScript(Analyzer, InScript("""var p = Process.Start("sleep", "10"); p.Kill();"""));
    }
}
