using Microsoft.CodeAnalysis.Diagnostics;

namespace KpatchScript.Analyzers.Tests;

public sealed class LivePatchStateWriteTests : RuleTests
{
    protected override DiagnosticAnalyzer Analyzer => new LivePatchStateWriteAnalyzer();

    protected override string RuleId => LivePatchStateWriteAnalyzer.StateId;

    protected override string Violation => """[|File.WriteAllText("/sys/kernel/livepatch/livepatch_x/enabled", "0")|];""";

    protected override string Compliant => """var enabled = File.ReadAllText("/sys/kernel/livepatch/livepatch_x/enabled"); File.WriteAllText("/tmp/report.txt", enabled);""";

    [Theory]
    [InlineData("""[|File.Delete("/var/lib/kpatch/5.14.0-427.el9.x86_64/livepatch_x.ko")|];""")]
    [InlineData("""[|File.Copy("/tmp/livepatch_x.ko", "/usr/lib/kpatch/livepatch_x.ko")|];""")]
    [InlineData("""[|File.Move("/var/lib/kpatch/livepatch_x.ko", "/tmp/livepatch_x.ko")|];""")]
    [InlineData("""[|File.AppendAllText("/etc/dnf/plugins/kpatch.conf", "autoupdate = False")|];""")]
    [InlineData("""var s = [|File.Open("/sys/kernel/livepatch/p/enabled", FileMode.Open, FileAccess.Write)|];""")]
    [InlineData("""var w = [|new StreamWriter("/sys/kernel/livepatch/p/enabled")|];""")]
    [InlineData("""var f = [|new FileStream("/var/lib/kpatch/x.ko", FileMode.Create)|];""")]
    [InlineData("""var name = "p"; [|File.WriteAllText($"/sys/kernel/livepatch/{name}/enabled", "0")|];""")]
    [InlineData("""var name = "p"; [|File.WriteAllText("/sys/kernel/livepatch/" + name + "/enabled", "0")|];""")]
    [InlineData("""var name = "p"; [|File.WriteAllText(Path.Combine("/sys/kernel/livepatch", name, "enabled"), "0")|];""")]
    [InlineData("""const string Dir = "/var/lib/kpatch/"; [|File.Delete(Dir + "x.ko")|];""")]
    [InlineData("""await [|File.WriteAllTextAsync("/sys/kernel/livepatch/p/enabled", "0")|];""")]
    public void Writes_to_state_paths_are_reported(string statement)
    {
        AnalyzerRunner.VerifyScript(Analyzer, InScript(statement), rule: RuleId);
    }

    [Theory]
    [InlineData("""var s = File.Open("/sys/kernel/livepatch/p/enabled", FileMode.Open, FileAccess.Read);""")]
    [InlineData("""var f = new FileStream("/var/lib/kpatch/x.ko", FileMode.Open, FileAccess.Read);""")]
    [InlineData("""File.Copy("/var/lib/kpatch/x.ko", "/tmp/x.ko");""")]
    [InlineData("""File.WriteAllText("/etc/dnf/plugins/other.conf", "");""")]
    [InlineData("""File.WriteAllText("/var/lib/kpatchish/x", "");""")]
    [InlineData("""var name = "p"; File.WriteAllText($"/sys/kernel/livepatch/{name}/force", "1");""")]
    public void Reads_other_paths_and_force_files_are_not_reported(string statement)
    {
        AnalyzerRunner.VerifyScript(Analyzer, InScript(statement), rule: RuleId);
    }
}
