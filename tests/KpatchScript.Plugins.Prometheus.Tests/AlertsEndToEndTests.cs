using KpatchScript.Alerts;
using KpatchScript.PluginHosting;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;

namespace KpatchScript.Plugins.Prometheus.Tests;

/// <summary>
/// The shipped rules in a real Prometheus over a real node_exporter: the plugin, loaded as
/// kpatch-script loads it, writes kpatch.prom of a captured host into the textfile collector's
/// directory; an alert fires for a host whose patch is stalled in transition and resolves once the
/// host's next file says it is no longer.
/// </summary>
public sealed class AlertsEndToEndTests
{
    private static readonly string RulesFile = RepositoryPaths.Combine("src", "prometheus", "kpatch-script.rules.yml");
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_stalled_transition_fires_in_Prometheus_and_resolves_when_the_host_moves_on()
    {
        using var servers = new PrometheusServers(RulesFile);
        using var plugins = PluginHost.Load(new PluginHostOptions
        {
            Directories = [TestPlugins.FirstPartyBuild],
            Configuration = new Dictionary<string, string> { ["Prometheus"] = $$"""{"directory": "{{servers.TextfileDirectory}}"}""" },
        });
        var sink = plugins.AlertSinks.Single(s => s.Name == "prometheus");

        // lab-stalled: captured from the lab guest while a patch waited for a task; its verdict is not covered.
        await sink.DeliverAsync(Batch(SysrootFixtures.LabStalled), CancellationToken.None);

        servers.WaitUntil(() => Has(servers, "KpatchHostNotCovered", "firing") && Has(servers, "KpatchTransitionStalled", "pending"), Margin,
            "KpatchHostNotCovered firing and KpatchTransitionStalled pending (its for: is 15 minutes) for the stalled host");
        Assert.Equal(1, servers.Query($"kpatch_patch_in_transition{{instance=\"{servers.Instance}\"}}"));

        // The same host's next run: the transition finished (lab-loaded), nothing is in transition.
        await sink.DeliverAsync(Batch(SysrootFixtures.LabLoaded), CancellationToken.None);

        servers.WaitUntil(() => !Has(servers, "KpatchHostNotCovered") && !Has(servers, "KpatchTransitionStalled"), Margin,
            "both alerts resolved after the host's file no longer shows the stalled transition");
        Assert.Equal(0, servers.Query($"kpatch_patch_in_transition{{instance=\"{servers.Instance}\"}}") ?? 0);
        // The file is fresh (written with this machine's clock): the staleness rule stays silent throughout.
        Assert.False(Has(servers, "KpatchTextfileStale"));
    }

    private static bool Has(PrometheusServers servers, string alert, string? state = null) =>
        servers.Alerts().Any(a => a.Name == alert && a.Instance == servers.Instance && (state is null || a.State == state));

    /// <summary>What kpatch-script alerts hands the plugin for a captured host, judged now by this machine's clock.</summary>
    private static AlertBatch Batch(string fixture)
    {
        var facade = new KpatchFacade(HostSystems.Open("sysroot:" + SysrootFixtures.Get(fixture)), TimeProvider.System);
        var verification = facade.Verify();
        return new AlertBatch(facade.Detect(), verification, [], [], TimeProvider.System.GetUtcNow(), verification.Verdict);
    }
}
