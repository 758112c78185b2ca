using KpatchScript.Reporting.Alerts;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Reporting.Tests;

/// <summary>
/// Every host template over every sysroot fixture, against its golden file
/// (Golden/&lt;template&gt;/&lt;fixture&gt;.&lt;ext&gt;): fixed clock, the shipped templates only.
/// KPS_UPDATE_GOLDEN=1 rewrites them; read every one: it states the verdict, states, CVEs and days left that are right.
/// The text formats also render <see cref="HostileSysroot"/>: its escape sequences must come out as visible escapes.
/// </summary>
public sealed class HostTemplateGoldenTests
{
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var template in new[] { "report.html", "report.md", "status.txt", "alert.txt", "alert.json" })
        {
            foreach (var fixture in SysrootFixtures.All)
            {
                cases.Add(template, fixture);
            }
        }

        return cases;
    }

    public static TheoryData<string> TextTemplates() => new("report.html", "report.md", "status.txt", "alert.txt");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Template_renders_the_fixture_as_its_golden_file(string template, string fixture)
    {
        var report = await FixtureReports.ReportAsync(fixture);
        var model = template.StartsWith("alert.", StringComparison.Ordinal) ? AlertModel(fixture) : report.Model;

        var output = new Rendering.TemplateRenderer(FixtureReports.ShippedOnly).Render(template, model);

        Assert.Equal(GoldenFiles.Expected($"tests/KpatchScript.Reporting.Tests/Golden/{template}/{fixture}{Path.GetExtension(template)}", output), output);
    }

    [Theory]
    [MemberData(nameof(TextTemplates))]
    public async Task Template_shows_the_control_characters_of_a_hostile_host_as_escapes(string template)
    {
        var report = await FixtureReports.ReportAsync(HostileSysroot.Name);
        var model = template.StartsWith("alert.", StringComparison.Ordinal) ? AlertModel(HostileSysroot.Name) : report.Model;

        var output = new Rendering.TemplateRenderer(FixtureReports.ShippedOnly).Render(template, model);

        Assert.Null(HostileSysroot.FirstRawControl(output));
        Assert.Contains(@"db01\x1b", output, StringComparison.Ordinal); // Markdown escapes the brackets that follow
        Assert.Contains(@"OWNED\x07", output, StringComparison.Ordinal);
        Assert.Equal(GoldenFiles.Expected($"tests/KpatchScript.Reporting.Tests/Golden/{template}/{HostileSysroot.Name}{Path.GetExtension(template)}", output), output);
    }

    /// <summary>
    /// The first alert run on the host: every present problem is a notification (a transition too:
    /// its hold time is set to 0 here, so the golden files show the stalled-transition alert).
    /// </summary>
    private static System.Text.Json.Nodes.JsonObject AlertModel(string fixture)
    {
        var (status, verification) = FixtureReports.Read(fixture);
        var immediate = new Dictionary<string, AlertRuleSettings>(AlertRuleIds.Defaults) { [AlertRuleIds.TransitionStalled] = AlertRuleIds.Defaults[AlertRuleIds.TransitionStalled] with { Minutes = 0 } };
        var settings = new AlertSettings { Rules = immediate };
        var now = FixedTimeProvider.Default.GetUtcNow();
        var rules = AlertRules.Evaluate(status, verification, settings, now);
        var tracked = AlertTracker.Track(rules, [], status.Target, settings, now);
        var model = AlertRun.Model(status, verification.Verdict, tracked, now);
        model["tool_version"] = FixtureReports.Version;
        return model;
    }
}
