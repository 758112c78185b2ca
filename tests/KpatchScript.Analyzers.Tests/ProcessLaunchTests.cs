using Microsoft.CodeAnalysis.Diagnostics;

namespace KpatchScript.Analyzers.Tests;

public sealed class ProcessLaunchTests : RuleTests
{
    protected override DiagnosticAnalyzer Analyzer => new ProcessLaunchAnalyzer();

    protected override string Violation => """[|Process.Start("dnf", "install -y kpatch-patch")|];""";

    protected override string Compliant => """await kp.InstallAsync(); Process.Start("uname", "-r");""";

    [Theory]
    [InlineData("""[|Process.Start("/usr/sbin/kpatch", "list")|];""")]
    [InlineData("""[|Process.Start("insmod")|];""")]
    [InlineData("""const string Tool = "rmmod"; [|Process.Start(Tool, "livepatch_x")|];""")]
    [InlineData("""var psi = [|new ProcessStartInfo("yum", "update")|];""")]
    [InlineData("""var psi = [|new ProcessStartInfo { FileName = "rpm", Arguments = "-q kpatch" }|];""")]
    [InlineData("""ProcessStartInfo psi = [|new() { FileName = "modprobe" }|];""")]
    [InlineData("""var psi = new ProcessStartInfo(); [|psi.FileName = "/usr/bin/dnf"|];""")]
    [InlineData("""[|Process.Start("systemctl", "enable --now kpatch.service")|];""")]
    [InlineData("""[|Process.Start("systemctl", new[] { "restart", "kpatch" })|];""")]
    public void Owned_tools_are_reported(string statement)
    {
        AnalyzerRunner.VerifyScript(Analyzer, InScript(statement));
    }

    [Theory]
    [InlineData("""Process.Start("systemctl", "restart sshd");""")]
    [InlineData("""var psi = new ProcessStartInfo { FileName = "journalctl", Arguments = "-u kpatch" };""")]
    [InlineData("""Process.Start("dnfdragora");""")]
    public void Other_tools_are_not_reported(string statement)
    {
        AnalyzerRunner.VerifyScript(Analyzer, InScript(statement));
    }
}
