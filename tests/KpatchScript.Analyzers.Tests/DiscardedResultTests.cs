using Microsoft.CodeAnalysis.Diagnostics;

namespace KpatchScript.Analyzers.Tests;

public sealed class DiscardedResultTests : RuleTests
{
    protected override DiagnosticAnalyzer Analyzer => new DiscardedResultAnalyzer();

    protected override string Violation => """[|await kp.InstallAsync();|]""";

    protected override string Compliant => """var result = await kp.InstallAsync(); if (!result.Succeeded) { Console.Error.WriteLine(result); }""";

    [Theory]
    [InlineData("""[|await kp.UpdateAsync();|]""")]
    [InlineData("""[|await kp.RemoveAsync();|]""")]
    [InlineData("""[|await kp.DowngradeAsync(toVersion: "1-2.el9_2");|]""")]
    [InlineData("""[|await kp.SetAutoUpdateAsync(true);|]""")]
    [InlineData("""[|await kp.LoadAsync("/tmp/x.ko");|]""")]
    [InlineData("""[|await kp.UnloadAsync("x", RevertAcknowledgement.RevertingWithoutRebootIsUnsupported);|]""")]
    [InlineData("""[|await kp.LoadAllAsync();|]""")]
    [InlineData("""[|await kp.UnloadAllAsync(RevertAcknowledgement.RevertingWithoutRebootIsUnsupported);|]""")]
    [InlineData("""[|kp.InstallAsync();|]""")]
    [InlineData("""[|await kp.InstallAsync().ConfigureAwait(false);|]""")]
    public void Discarded_results_are_reported(string statement)
    {
        AnalyzerRunner.VerifyScript(Analyzer, InScript(statement));
    }

    [Theory]
    [InlineData("""_ = await kp.InstallAsync();""")]
    [InlineData("""await kp.DetectAsync();""")]
    [InlineData("""if ((await kp.LoadAsync("/tmp/x.ko")).Succeeded) { }""")]
    public void Used_or_explicitly_discarded_results_are_not_reported(string statement)
    {
        AnalyzerRunner.VerifyScript(Analyzer, InScript(statement));
    }
}
