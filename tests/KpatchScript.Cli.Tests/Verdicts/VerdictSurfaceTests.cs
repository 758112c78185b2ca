using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests.Verdicts;

/// <summary>
/// One verdict everywhere: for every captured host (the test clock, 2026-01-15), every surface
/// carries the same state, pinned here, and verify --nagios exits with its Nagios code. The
/// covered host's variants each change one fact, and that fact's reason flips every surface.
/// </summary>
public sealed class VerdictSurfaceTests : IDisposable
{
    private readonly VerdictSurfaces _surfaces = new();

    public void Dispose() => _surfaces.Dispose();

    private static (int, string, string) InProcess(string config, string[] arguments)
    {
        var outcome = CliRunner.RunWithConfig(config, arguments);
        return (outcome.ExitCode, outcome.Out, outcome.Error);
    }

    public static TheoryData<string, string> Pinned() => new()
    {
        { SysrootFixtures.Rhel9Covered, "covered" },
        { SysrootFixtures.OneEnabledPatch, "not covered" },         // support window ended 2024-04-11
        { SysrootFixtures.TwoStackedPatches, "action needed" },     // no rpm database: packages and reboot advice unknown
        { SysrootFixtures.ReplaceSuperseded, "action needed" },
        { SysrootFixtures.PatchInTransition, "not covered" },       // stalled transition
        { SysrootFixtures.DisabledModuleLoaded, "not covered" },    // nothing loaded or installed any more
        { SysrootFixtures.Rhel9KpatchDnf, "not covered" },          // support window ended 2025-04-10
        { SysrootFixtures.LabLoaded, "action needed" },             // a busybox guest: no rpm
        { SysrootFixtures.LabStacked, "action needed" },
        { SysrootFixtures.LabReplaced, "action needed" },
        { SysrootFixtures.LabStalled, "not covered" },
    };

    [Theory]
    [MemberData(nameof(Pinned))]
    public void Every_surface_carries_the_same_verdict_and_verify_exits_with_its_nagios_code(string fixture, string state)
    {
        var (answers, exitCode, line) = _surfaces.Ask(InProcess, "sysroot:" + SysrootFixtures.Get(fixture));

        Assert.All(answers, a => Assert.True(a.State == state, $"{a.Surface} says '{a.State}', not '{state}'"));
        Assert.All(answers, a => Assert.Equal(answers[0].Codes, a.Codes));
        Assert.Equal(VerdictSurfaces.NagiosCode(state), exitCode);
        Assert.StartsWith(exitCode switch { 0 => "KPATCH OK - ", 1 => "KPATCH WARNING - ", _ => "KPATCH CRITICAL - " }, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_captured_host_is_pinned()
    {
        Assert.Equal(SysrootFixtures.All.Order(StringComparer.Ordinal), Pinned().Select(row => (string)row[0]).Order(StringComparer.Ordinal));
    }

    public static TheoryData<string, string> Variants()
    {
        var data = new TheoryData<string, string>();
        foreach (var (variant, code) in SysrootFixtures.CoveredVariants)
        {
            data.Add(variant, code);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void One_changed_fact_flips_every_surface_of_the_covered_host_with_its_reason(string variant, string code)
    {
        var (answers, exitCode, line) = _surfaces.Ask(InProcess, "sysroot:" + SysrootFixtures.Get(variant));

        var state = answers[0].State;
        Assert.NotEqual("covered", state);
        Assert.All(answers, a => Assert.True(a.State == state, $"{a.Surface} says '{a.State}', not '{state}'"));
        Assert.All(answers, a => Assert.True(a.Codes.Contains(code), $"{a.Surface} gives {string.Join(", ", a.Codes)}, not {code}"));
        Assert.Equal(VerdictSurfaces.NagiosCode(state), exitCode);
        Assert.Contains(" - rhel96-db01 ", line, StringComparison.Ordinal);
    }
}
