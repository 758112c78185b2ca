using System.Diagnostics;
using KpatchScript.Reporting.Fleet;
using KpatchScript.Reporting.Rendering;
using KpatchScript.Status;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Reporting.Tests;

/// <summary>
/// Scriban's loop limit is one budget shared by nested loops (hosts x CVEs): the limits grow with
/// the model, so a 10,000-host fleet renders in HTML and CSV, while a template that loops far
/// beyond its data is still stopped.
/// </summary>
public sealed class LargeFleetTests
{
    private const int Hosts = 10_000;

    [Fact]
    public void A_ten_thousand_host_fleet_renders_in_html_and_csv()
    {
        var model = FleetReportBuilder.Build(Fleet(), FixedTimeProvider.Default);
        var renderer = new TemplateRenderer(FixtureReports.ShippedOnly);
        var clock = Stopwatch.StartNew();

        var html = renderer.Render("fleet.html", model);
        var csv = renderer.Render("fleet.csv", model);

        // Every host has a row (its file name is in it), and the CSV one row per host and CVE (4 each) plus the header.
        Assert.Equal(Hosts, html.Split("<tr><td><strong>").Length - 1);
        Assert.Equal(1 + (Hosts * 4), csv.TrimEnd('\n').Split('\n').Length);
        Assert.Contains("host-09999.json", html, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"rendering took {clock.Elapsed}");
    }

    /// <summary>rhel9-kpatch-dnf 10,000 times under other names, each with one CVE installed but not live on top of the three fixed live.</summary>
    private static FleetInput Fleet()
    {
        var status = FixtureReports.Read(SysrootFixtures.Rhel9KpatchDnf).Status;
        var hosts = Enumerable.Range(0, Hosts).Select(i => new FleetHost($"host-{i:D5}.json", status with
        {
            Host = status.Host with { Hostname = Reading.Known($"app{i:D5}") },
            Coverage = status.Coverage with { InstalledNotLive = Reading.Known<IReadOnlyList<string>>([$"CVE-2025-{i % 50:D4}"]) },
        })).ToList();
        return new FleetInput("/srv/fleet", hosts, []);
    }
}
