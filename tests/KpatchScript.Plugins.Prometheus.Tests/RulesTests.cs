using System.Text.RegularExpressions;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Plugins.Prometheus.Tests;

/// <summary>
/// The alerting rules shipped in src/prometheus: valid for Prometheus, each one fired and left
/// silent by promtool's own rule tests (Rules/kpatch-script.rules.test.yml), and written over
/// metrics this plugin really writes.
/// </summary>
public sealed partial class RulesTests
{
    private static readonly string RulesFile = RepositoryPaths.Combine("src", "prometheus", "kpatch-script.rules.yml");

    private static readonly string TestFile = RepositoryPaths.Combine("tests", "KpatchScript.Plugins.Prometheus.Tests", "Rules", "kpatch-script.rules.test.yml");

    [Fact]
    public void Prometheus_accepts_the_rules_and_their_unit_tests_pass()
    {
        var check = Promtool.Run(RepositoryPaths.Root, "check", "rules", RulesFile);
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains("SUCCESS: 6 rules found", check.Output, StringComparison.Ordinal);

        var test = Promtool.Run(RepositoryPaths.Root, "test", "rules", TestFile);
        Assert.True(test.ExitCode == 0, test.Output);
        Assert.Contains("SUCCESS", test.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_rule_is_tested_firing()
    {
        var rules = Alert().Matches(File.ReadAllText(RulesFile)).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var text = File.ReadAllText(TestFile);
        // An alertname followed by expected alerts that are not the empty list.
        var fired = TestedFiring().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(6, rules.Count);
        Assert.Empty(rules.Except(fired));
    }

    [Fact]
    public void The_rules_read_only_metrics_the_plugin_writes()
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fixture in SysrootFixtures.All)
        {
            var facade = new KpatchFacade(HostSystems.Open("sysroot:" + SysrootFixtures.Get(fixture)), FixedTimeProvider.Default);
            var exposition = ExpositionParser.Parse(PrometheusTextfile.Render(facade.Detect(), facade.Verify(), [], FixedTimeProvider.Default.GetUtcNow()));
            written.UnionWith(exposition.Types.Keys);
        }

        var read = Metric().Matches(File.ReadAllText(RulesFile)).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(read);
        Assert.Empty(read.Except(written));
    }

    [GeneratedRegex(@"- alert: (\w+)")]
    private static partial Regex Alert();

    [GeneratedRegex(@"alertname: (\w+)\s+exp_alerts:\s*\n\s+- exp_labels")]
    private static partial Regex TestedFiring();

    [GeneratedRegex(@"\bkpatch_[a-z_]+(?=[{\s])")]
    private static partial Regex Metric();
}
