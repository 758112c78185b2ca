using KpatchScript.Reporting.Fleet;
using KpatchScript.Reporting.Rendering;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Reporting.Tests;

/// <summary>
/// fleet.html, fleet.csv and the JSON form over a fleet of each sysroot fixture alone, and over all of them at
/// once with a file that is not a status document (Golden/&lt;template&gt;/&lt;fixture|all&gt;.&lt;ext&gt;).
/// </summary>
public sealed class FleetTemplateGoldenTests
{
    public const string All = "all-fixtures";

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        // fleet.json is the report's JSON form (report --fleet DIR --format json), not a template.
        foreach (var template in new[] { "fleet.html", "fleet.csv", "fleet.json" })
        {
            foreach (var fleet in SysrootFixtures.All.Append(All))
            {
                cases.Add(template, fleet);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Template_renders_the_fleet_as_its_golden_file(string template, string fleet)
    {
        var model = FleetReportBuilder.Build(Fleet(fleet), FixedTimeProvider.Default) with { ToolVersion = FixtureReports.Version };
        Assert.Empty(JsonSchemaFile.FleetReport.Errors(model.ToJson()));

        var output = template == "fleet.json" ? model.ToJson() : new TemplateRenderer(FixtureReports.ShippedOnly).Render(template, model);

        Assert.Equal(GoldenFiles.Expected($"tests/KpatchScript.Reporting.Tests/Golden/{template}/{fleet}{Path.GetExtension(template)}", output), output);
    }

    /// <summary>One fixture's host, or every fixture's plus an unreadable file, as a fleet directory would read.</summary>
    internal static FleetInput Fleet(string fleet)
    {
        var names = fleet == All ? SysrootFixtures.All : [fleet];
        var hosts = names.Select(n => new FleetHost($"{n}.json", FixtureReports.Read(n).Status)).ToList();
        IReadOnlyList<UnreadableFile> unreadable = fleet == All ? [new UnreadableFile("broken.json", "not a status --json document: no \"schema_version\": 1")] : [];
        return new FleetInput("/srv/fleet", hosts, unreadable);
    }
}
