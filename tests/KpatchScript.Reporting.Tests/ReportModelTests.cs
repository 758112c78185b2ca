using System.Text.Json.Nodes;
using KpatchScript.Reporting.Rendering;
using KpatchScript.TestFixtures;

namespace KpatchScript.Reporting.Tests;

/// <summary>The report model is the documented JSON: its schema, and the Core documents inside it as their own schemas say.</summary>
public sealed class ReportModelTests
{
    [Theory]
    [MemberData(nameof(FixtureReports.Fixtures), MemberType = typeof(FixtureReports))]
    public async Task The_model_follows_its_schema_and_embeds_the_core_documents_as_written(string fixture)
    {
        var report = await FixtureReports.ReportAsync(fixture);
        var json = report.ToJson();

        Assert.Empty(JsonSchemaFile.Report.Errors(json));
        var model = JsonNode.Parse(json)!;
        Assert.Empty(JsonSchemaFile.Status.Errors(model["status"]!.ToJsonString()));
        Assert.Empty(JsonSchemaFile.Verification.Errors(model["verification"]!.ToJsonString()));
        Assert.Empty(JsonSchemaFile.Journal.Errors(model["journal"]!.ToJsonString()));
        Assert.Equal(Verdicts.VerdictWords.Of(report.Verdict.State), (string)model["verdict"]!["state"]!);
        Assert.Equal("2026-01-15T12:00:00+00:00", (string)model["generated_at"]!);
    }

    [Fact]
    public async Task A_failing_contributor_is_a_named_failure_and_the_others_still_contribute()
    {
        var (status, verification) = FixtureReports.Read(TestFixtures.SysrootFixtures.LabLoaded);
        Reports.IReportDataContributor[] contributors = [new Contributor("broken", null), new Contributor("inventory", new Reports.ReportSection("site", "Site", ["rack"], [["r12"]]))];

        var report = await new HostReportBuilder(Testing.Fakes.FixedTimeProvider.Default, contributors).BuildAsync(status, verification, FixtureReports.Journal());

        Assert.Equal("""[{"contributor":"broken","error":"InvalidOperationException: inventory service unreachable"}]""", report.Model["section_failures"]!.ToJsonString());
        Assert.Equal("""[{"id":"site","title":"Site","columns":["rack"],"rows":[["r12"]],"note":null}]""", report.Model["sections"]!.ToJsonString());
        Assert.Contains("Report data from broken failed: InvalidOperationException: inventory service unreachable", report.Render("status.txt", FixtureReports.ShippedOnly), StringComparison.Ordinal);
    }

    private sealed class Contributor(string name, Reports.ReportSection? section) : Reports.IReportDataContributor
    {
        public string Name => name;

        public Task<IReadOnlyList<Reports.ReportSection>> ContributeAsync(Status.HostStatus status, Verification.VerificationReport? verification, CancellationToken cancellationToken) =>
            section is null ? throw new InvalidOperationException("inventory service unreachable") : Task.FromResult<IReadOnlyList<Reports.ReportSection>>([section]);
    }

    [Fact]
    public async Task A_template_reads_no_clock_date_now_is_the_generation_time()
    {
        var directory = Directory.CreateTempSubdirectory("kps-clock-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "clock.txt"), "{{ date.now | date.to_string '%F %T' }} {{ generated_at }}");
            var report = await FixtureReports.ReportAsync(SysrootFixtures.LabLoaded);

            Assert.Equal("2026-01-15 12:00:00 2026-01-15T12:00:00+00:00", report.Render("clock.txt", new TemplateLookup([directory])));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void The_built_in_templates_are_the_shipped_files()
    {
        var shipped = Directory.GetFiles(RepositoryPaths.Combine("templates")).Select(f => Path.GetFileName(f)).Where(n => n != "README.md").Order(StringComparer.Ordinal).ToList();

        Assert.Equal(shipped, TemplateLookup.Shipped());
        var builtIn = new TemplateLookup([]);
        Assert.All(shipped, name => Assert.Equal(File.ReadAllText(RepositoryPaths.Combine("templates", name)), builtIn.Load(name).Text));
    }

    [Fact]
    public void A_template_is_looked_up_file_by_file_the_first_directory_first()
    {
        var first = Directory.CreateTempSubdirectory("kps-tpl-a-").FullName;
        var second = Directory.CreateTempSubdirectory("kps-tpl-b-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(first, "status.txt"), "first");
            File.WriteAllText(Path.Combine(second, "status.txt"), "second");
            File.WriteAllText(Path.Combine(second, "report.md"), "second md");
            var lookup = new TemplateLookup([first, second]);

            Assert.Equal(("first", Path.Combine(first, "status.txt")), lookup.Load("status.txt"));
            Assert.Equal("second md", lookup.Load("report.md").Text);
            Assert.Equal("built in", lookup.Load("report.html").Source);
            Assert.Equal($"template nope.html not found (looked in: {first}, {second}, built in)", Assert.Throws<TemplateException>(() => lookup.Load("nope.html")).Message);
            Assert.Contains("is not a plain file name", Assert.Throws<TemplateException>(() => lookup.Load("../etc/passwd")).Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(first, recursive: true);
            Directory.Delete(second, recursive: true);
        }
    }
}
