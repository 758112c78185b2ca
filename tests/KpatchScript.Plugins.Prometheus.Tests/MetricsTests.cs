using KpatchScript.Alerts;
using KpatchScript.Status;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;
using KpatchScript.Verdicts;
using KpatchScript.Verification;

namespace KpatchScript.Plugins.Prometheus.Tests;

public sealed class MetricsTests
{
    private static readonly DateTimeOffset Now = FixedTimeProvider.Default.GetUtcNow();

    private static KpatchFacade Facade(string fixture) => new(HostSystems.Open("sysroot:" + SysrootFixtures.Get(fixture)), FixedTimeProvider.Default);

    public static TheoryData<string> Fixtures() => [.. SysrootFixtures.All];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_captured_host_gives_a_valid_exposition(string fixture)
    {
        var facade = Facade(fixture);

        var text = PrometheusTextfile.Render(facade.Detect(), facade.Verify(), [], Now);

        var exposition = ExpositionParser.Parse(text);
        Assert.All(exposition.Types.Values, t => Assert.Equal("gauge", t));
        Assert.Equal(Now.ToUnixTimeSeconds(), exposition.Value("kpatch_textfile_generated_timestamp_seconds"));
        Assert.Empty(Promtool.Check(text));
    }

    [Fact]
    public void One_enabled_patch_reads_back_as_its_values()
    {
        var facade = Facade(SysrootFixtures.OneEnabledPatch);
        var status = facade.Detect();
        var patch = status.Livepatch.Patches.Value!.Single().Name;
        Alert[] active = [Alert("reboot-due", AlertSeverity.Info), Alert("transition-stalled", AlertSeverity.Critical)];

        var exposition = ExpositionParser.Parse(PrometheusTextfile.Render(status, facade.Verify(), active, Now));

        Assert.Equal(1, exposition.Value("kpatch_livepatch_supported"));
        Assert.Equal(1, exposition.Value("kpatch_patch_enabled", ("patch", patch)));
        Assert.Equal(0, exposition.Value("kpatch_patch_in_transition", ("patch", patch)));
        // Its support window (build date 2023-04-12 + 365 days) ended before the test clock's 2026-01-15: not covered, whatever the checks say.
        Assert.Equal(2, exposition.Value("kpatch_verify_status"));
        Assert.Equal((0, 0, 1), (exposition.Value("kpatch_verdict", ("state", "covered")), exposition.Value("kpatch_verdict", ("state", "action_needed")), exposition.Value("kpatch_verdict", ("state", "not_covered"))));
        Assert.Equal(1, exposition.Value("kpatch_verdict_reason", ("code", "support-window-ended"), ("level", "not_covered")));
        Assert.Equal(0, exposition.Value("kpatch_verify_check_status", ("check", "patches-enabled")));
        Assert.Equal(1, exposition.Value("kpatch_unknown", ("metric", "kpatch_reboot_recommended"), ("subject", ""))); // no kernel list in this capture
        Assert.Equal(1, exposition.Value("kpatch_alerts_active", ("severity", "critical")));
        Assert.Equal(0, exposition.Value("kpatch_alerts_active", ("severity", "warning")));
        var window = status.Kernel.SupportWindow.Value!;
        Assert.Equal(new DateTimeOffset(DateOnly.Parse(window.Ends, System.Globalization.CultureInfo.InvariantCulture).AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds(),
            exposition.Value("kpatch_support_window_end_timestamp_seconds"));
    }

    [Fact]
    public void A_patch_in_transition_and_a_failed_verify_show()
    {
        var facade = Facade(SysrootFixtures.PatchInTransition);

        var exposition = ExpositionParser.Parse(PrometheusTextfile.Render(facade.Detect(), facade.Verify(), null, Now));

        Assert.Equal(1, exposition.Value("kpatch_patch_in_transition", ("patch", "livepatch_sleep")));
        Assert.Equal(2, exposition.Value("kpatch_verify_status"));
        Assert.Equal(2, exposition.Value("kpatch_verify_check_status", ("check", "transition")));
        Assert.False(exposition.Has("kpatch_alerts_active"));
    }

    [Fact]
    public void A_newer_installed_kernel_recommends_a_reboot()
    {
        var facade = Facade(SysrootFixtures.DisabledModuleLoaded);

        var exposition = ExpositionParser.Parse(PrometheusTextfile.Render(facade.Detect(), null, null, Now));

        Assert.Equal(1, exposition.Value("kpatch_reboot_recommended"));
    }

    [Fact]
    public void Cves_of_the_rpm_database_are_counted_by_state()
    {
        var facade = Facade(SysrootFixtures.Rhel9KpatchDnf);
        var status = facade.Detect();

        var exposition = ExpositionParser.Parse(PrometheusTextfile.Render(status, null, null, Now));

        Assert.Equal(status.Coverage.FixedLiveNow.Value!.Count, exposition.Value("kpatch_cves_fixed", ("state", "live")));
        Assert.Equal(status.Coverage.InstalledNotLive.Value!.Count, exposition.Value("kpatch_cves_fixed", ("state", "installed_not_loaded")));
        Assert.True(exposition.Samples.Where(s => s.Name == "kpatch_cves_fixed").Sum(s => s.Value) > 0, "the fixture's packages fix CVEs");
    }

    [Fact]
    public void Label_values_are_escaped_and_read_back_unchanged()
    {
        var status = Facade(SysrootFixtures.OneEnabledPatch).Detect();
        var odd = "we\"ird\\name\nwith newline";
        var patches = status.Livepatch.Patches.Value!.Select(p => p with { Name = odd }).ToList();
        status = status with { Livepatch = status.Livepatch with { Patches = Reading.Known<IReadOnlyList<LivepatchPatch>>(patches) } };

        var text = PrometheusTextfile.Render(status, null, null, Now);

        Assert.Contains("kpatch_patch_enabled{patch=\"we\\\"ird\\\\name\\nwith newline\"} 1\n", text, StringComparison.Ordinal);
        Assert.Equal(1, ExpositionParser.Parse(text).Value("kpatch_patch_enabled", ("patch", odd)));
        Assert.Empty(Promtool.Check(text));
    }

    [Fact]
    public void Unknown_values_are_left_out_and_named()
    {
        var status = Facade(SysrootFixtures.OneEnabledPatch).Detect();
        status = status with
        {
            Livepatch = status.Livepatch with { Support = Reading.Unknown<LivepatchSupport>("/sys/kernel: permission denied") },
            Kernel = status.Kernel with { Reboot = Reading.Unknown<RebootAdvice>("rpm failed") },
        };

        var exposition = ExpositionParser.Parse(PrometheusTextfile.Render(status, null, null, Now));

        Assert.False(exposition.Has("kpatch_livepatch_supported"));
        Assert.False(exposition.Has("kpatch_reboot_recommended"));
        Assert.Equal(1, exposition.Value("kpatch_unknown", ("metric", "kpatch_livepatch_supported"), ("subject", "")));
        Assert.Equal(1, exposition.Value("kpatch_unknown", ("metric", "kpatch_reboot_recommended"), ("subject", "")));
    }

    [Theory]
    [InlineData(VerdictState.Covered, 0)]
    [InlineData(VerdictState.ActionNeeded, 1)]
    [InlineData(VerdictState.NotCovered, 2)]
    public void The_verdict_is_published_as_verify_exits_with_it_and_check_results_in_nagios_codes(VerdictState state, int code)
    {
        var status = Facade(SysrootFixtures.OneEnabledPatch).Detect();
        VerificationCheck[] checks = [new("a", CheckResult.Warn, "w"), new("b", CheckResult.Skip, "s")];
        var verdict = new Verdict(state, "host: summary", state == VerdictState.Covered ? [] : [new VerdictReason("some-code", (ReasonLevel)(int)state, "text")]);

        var exposition = ExpositionParser.Parse(PrometheusTextfile.Render(status, new VerificationReport("local", CheckResult.Warn, checks, verdict), null, Now));

        Assert.Equal((code, 1, 3), (exposition.Value("kpatch_verify_status"), exposition.Value("kpatch_verify_check_status", ("check", "a")), exposition.Value("kpatch_verify_check_status", ("check", "b"))));
        Assert.Equal(1, exposition.Value("kpatch_verdict", ("state", VerdictWords.Of(state).Replace(' ', '_'))));
        Assert.Equal(2, Enum.GetValues<VerdictState>().Where(s => s != state).Count(s => exposition.Value("kpatch_verdict", ("state", VerdictWords.Of(s).Replace(' ', '_'))) == 0));
    }

    [Fact]
    public void Without_a_verification_the_verdict_is_marked_unknown()
    {
        var exposition = ExpositionParser.Parse(PrometheusTextfile.Render(Facade(SysrootFixtures.OneEnabledPatch).Detect(), null, null, Now));

        Assert.False(exposition.Has("kpatch_verdict"));
        Assert.Equal(1, exposition.Value("kpatch_unknown", ("metric", "kpatch_verdict"), ("subject", "")));
    }

    private static Alert Alert(string rule, AlertSeverity severity) =>
        new(rule, rule + ":x", severity, AlertState.Firing, "host", "local", "summary", "detail", Now, Now);
}
