using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests.Verdicts;

/// <summary>
/// The same agreement with the real executable, as a monitor, a timer or an admin's shell starts
/// it (<c>dotnet kpatch-script.dll</c>, its own process and clock). The configuration makes the
/// support window ten years long, so the pinned states do not depend on the day the tests run.
/// </summary>
public sealed class VerdictProcessTests : IDisposable
{
    private readonly VerdictSurfaces _surfaces = new(""", "support_window_days": 3650""");

    public void Dispose() => _surfaces.Dispose();

    private static (int, string, string) AsProcess(string config, string[] arguments)
    {
        var result = KpatchScriptCli.Run(arguments, new Dictionary<string, string>(StringComparer.Ordinal) { ["KPATCH_SCRIPT_CONFIG"] = config, ["DOTNET_NOLOGO"] = "1" });
        return (result.ExitCode, result.StandardOutput, result.StandardError);
    }

    [Theory]
    [InlineData(SysrootFixtures.Rhel9Covered, "covered")]
    [InlineData("rhel9-covered-disabled", "not covered")]
    [InlineData("rhel9-covered-newer-kernel", "action needed")]
    [InlineData(SysrootFixtures.PatchInTransition, "not covered")]
    [InlineData(SysrootFixtures.LabLoaded, "action needed")]
    public void Each_surface_run_as_a_process_says_the_same(string fixture, string state)
    {
        var (answers, exitCode, _) = _surfaces.Ask(AsProcess, "sysroot:" + SysrootFixtures.Get(fixture));

        Assert.All(answers, a => Assert.True(a.State == state, $"{a.Surface} says '{a.State}', not '{state}'"));
        Assert.All(answers, a => Assert.Equal(answers[0].Codes, a.Codes));
        Assert.Equal(VerdictSurfaces.NagiosCode(state), exitCode);
    }

    [Fact]
    public void On_this_machine_every_surface_agrees_and_verify_exits_with_the_verdict()
    {
        var (answers, exitCode, line) = _surfaces.Ask(AsProcess, "local");

        Assert.All(answers, a => Assert.True(a.State == answers[0].State, $"{a.Surface} says '{a.State}', status says '{answers[0].State}'"));
        Assert.All(answers, a => Assert.Equal(answers[0].Codes, a.Codes));
        Assert.Equal(VerdictSurfaces.NagiosCode(answers[0].State), exitCode);
        // A machine without the livepatch interface is never an all-clear.
        if (!Directory.Exists("/sys/kernel/livepatch"))
        {
            Assert.Equal(("not covered", 2), (answers[0].State, exitCode));
            Assert.StartsWith("KPATCH CRITICAL - ", line, StringComparison.Ordinal);
        }
    }
}
