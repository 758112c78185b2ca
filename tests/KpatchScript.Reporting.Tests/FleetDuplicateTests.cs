using KpatchScript.Reporting.Fleet;
using KpatchScript.Reporting.Rendering;
using KpatchScript.Status;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Reporting.Tests;

/// <summary>
/// A host collected twice (two inventory names for one machine, an old file left beside a new one)
/// is one host: the newer document is shown and counted, the older is listed with its own verdict.
/// Names that tell no host apart are never merged.
/// </summary>
public sealed class FleetDuplicateTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_newer_document_of_a_host_name_is_counted_and_the_older_one_listed_with_its_verdict()
    {
        var fleet = new FleetInput("/srv/fleet",
        [
            Host("db01-monday.json", SysrootFixtures.LabStalled, "db01", Monday),
            Host("db01.json", SysrootFixtures.OneEnabledPatch, "db01", Monday.AddDays(1)),
            Host("web01.json", SysrootFixtures.Rhel9KpatchDnf, "web01", Monday),
            // Two machines nobody named: two hosts, not one.
            Host("clone-a.json", SysrootFixtures.OneEnabledPatch, "localhost", Monday),
            Host("clone-b.json", SysrootFixtures.OneEnabledPatch, "localhost.localdomain", Monday),
            Host("clone-c.json", SysrootFixtures.OneEnabledPatch, "localhost", Monday),
        ], []);

        var model = FleetReportBuilder.Build(fleet, FixedTimeProvider.Default);

        Assert.Equal(["clone-a.json", "clone-b.json", "clone-c.json", "db01.json", "web01.json"], model.Hosts.Select(h => h.File).Order(StringComparer.Ordinal));
        var duplicate = Assert.Single(model.Duplicates);
        Assert.Equal(new FleetDuplicate("db01-monday.json", "db01", "2026-11-30T08:00:00+00:00", "not covered", "db01.json"), duplicate);
        Assert.Equal(5, model.NotCovered + model.ActionNeeded + model.Covered);
        Assert.DoesNotContain(model.Exposure.SelectMany(c => c.FixedLive.Concat(c.InstalledNotLive).Concat(c.UpdateAvailable)), h => h == "db01-monday.json");

        var json = model.ToJson();
        Assert.Empty(JsonSchemaFile.FleetReport.Errors(json));
        Assert.Contains("\"duplicates\": 1", json, StringComparison.Ordinal);
        var renderer = new TemplateRenderer(FixtureReports.ShippedOnly);
        Assert.Contains("db01-monday.json,db01,,2026-11-30T08:00:00+00:00,duplicate,,,,,,,,\"same host name as db01.json, shown instead (newer, or first by name); this document's verdict: not covered\"", renderer.Render("fleet.csv", model), StringComparison.Ordinal);
        var html = renderer.Render("fleet.html", model);
        Assert.Contains("<h2>Duplicate host names</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"mono\">db01-monday.json</td><td>db01</td><td>2026-11-30T08:00:00+00:00</td><td>not covered</td><td class=\"mono\">db01.json</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_two_documents_collected_at_the_same_time_the_first_file_by_name_is_shown()
    {
        var fleet = new FleetInput("/srv/fleet", [Host("b.json", SysrootFixtures.LabStalled, "db01", Monday), Host("a.json", SysrootFixtures.OneEnabledPatch, "db01", Monday)], []);

        var model = FleetReportBuilder.Build(fleet, FixedTimeProvider.Default);

        Assert.Equal("a.json", Assert.Single(model.Hosts).File);
        Assert.Equal(("b.json", "a.json"), (model.Duplicates[0].File, model.Duplicates[0].Kept));
    }

    private static FleetHost Host(string file, string fixture, string hostname, DateTimeOffset collected)
    {
        var (status, verification) = FixtureReports.Read(fixture);
        return new FleetHost(file, status with { CollectedAt = collected, Host = status.Host with { Hostname = Reading.Known(hostname) } }, verification.Verdict);
    }
}
