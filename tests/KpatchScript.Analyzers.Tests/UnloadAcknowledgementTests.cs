using Microsoft.CodeAnalysis.Diagnostics;

namespace KpatchScript.Analyzers.Tests;

public sealed class UnloadAcknowledgementTests : RuleTests
{
    protected override DiagnosticAnalyzer Analyzer => new UnloadAcknowledgementAnalyzer();

    protected override string Violation => """var ack = RevertAcknowledgement.RevertingWithoutRebootIsUnsupported; Console.WriteLine(await kp.UnloadAsync("livepatch_x", [|ack|]));""";

    protected override string Compliant => """var r = await kp.UnloadAsync("livepatch_x", RevertAcknowledgement.RevertingWithoutRebootIsUnsupported);""";

    [Theory]
    [InlineData("""var r = await kp.UnloadAsync("p", [|(RevertAcknowledgement)1|]);""")]
    [InlineData("""var yes = true; var r = await kp.UnloadAsync("p", [|yes ? RevertAcknowledgement.RevertingWithoutRebootIsUnsupported : RevertAcknowledgement.None|]);""")]
    [InlineData("""var r = await kp.UnloadAsync("p", [|RevertAcknowledgement.None|]);""")]
    [InlineData("""var r = await kp.UnloadAsync(acknowledgement: [|default|], patch: "p");""")]
    [InlineData("""var ack = RevertAcknowledgement.RevertingWithoutRebootIsUnsupported; var r = await kp.UnloadAllAsync([|ack|]);""")]
    public void Anything_but_the_member_is_reported(string statement)
    {
        AnalyzerRunner.VerifyScript(Analyzer, InScript(statement));
    }

    [Theory]
    [InlineData("""var r = await kp.UnloadAsync(acknowledgement: (RevertAcknowledgement.RevertingWithoutRebootIsUnsupported), patch: "p");""")]
    [InlineData("""var r = await kp.UnloadAsync("p", KpatchScript.Operations.RevertAcknowledgement.RevertingWithoutRebootIsUnsupported);""")]
    [InlineData("""var r = await kp.UnloadAllAsync(RevertAcknowledgement.RevertingWithoutRebootIsUnsupported);""")]
    public void The_member_written_out_is_not_reported(string statement)
    {
        AnalyzerRunner.VerifyScript(Analyzer, InScript(statement));
    }
}
