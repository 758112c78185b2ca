using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using KpatchScript.Operations;
using KpatchScript.Reporting.Fleet;
using KpatchScript.Reporting.Rendering;
using KpatchScript.Reports;
using KpatchScript.Status;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;
using KpatchScript.Verification;

namespace KpatchScript.Reporting.Tests;

/// <summary>
/// Host data is untrusted: a host name, package name, CVE text, patch name or error text with
/// markup must land in the HTML as text. Each HTML template is rendered twice over the same model,
/// once with hostile values and once with plain ones; parsed with an HTML parser, both documents
/// must have the same elements and attributes (nothing injected: no script, no event handler, no
/// new element), and the hostile text must be there, as text.
/// </summary>
public sealed class XssTests
{
    private const string Hostile = "<script>alert(1)</script>\"'&</style><img src=x onerror=alert(2)><b onclick=x>";

    [Fact]
    public async Task Report_html_renders_hostile_host_data_as_text_only()
    {
        var hostile = await ReportAsync(Hostile);
        var plain = await ReportAsync("plain");

        AssertInert(hostile.Render("report.html", FixtureReports.ShippedOnly), plain.Render("report.html", FixtureReports.ShippedOnly), titleNamesHost: true);
    }

    [Fact]
    public void Fleet_html_renders_hostile_host_data_as_text_only()
    {
        AssertInert(Fleet(Hostile), Fleet("plain"), titleNamesHost: false);
    }

    private static void AssertInert(string hostileHtml, string plainHtml, bool titleNamesHost)
    {
        var parser = new HtmlParser();
        using var hostile = parser.ParseDocument(hostileHtml);
        using var plain = parser.ParseDocument(plainHtml);

        Assert.Empty(hostile.QuerySelectorAll("script"));
        Assert.Empty(hostile.QuerySelectorAll("img"));
        Assert.DoesNotContain(hostile.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(Shape(plain), Shape(hostile));
        Assert.Contains(Hostile, hostile.Body!.TextContent, StringComparison.Ordinal);
        Assert.True(!titleNamesHost || hostile.Title!.Contains(Hostile, StringComparison.Ordinal), hostile.Title);
        // The one style element is the template's own, closed where the template closes it.
        Assert.Equal(plain.QuerySelector("style")!.TextContent, hostile.QuerySelector("style")!.TextContent);
    }

    /// <summary>Every element with its attribute names, in document order: what markup injection would change.</summary>
    private static List<string> Shape(IDocument document) =>
        document.All.Select(e => e.LocalName + "[" + string.Join(",", e.Attributes.Select(a => a.Name)) + "]").ToList();

    private static async Task<HostReport> ReportAsync(string text)
    {
        var (status, verification) = FixtureReports.Read(SysrootFixtures.Rhel9KpatchDnf);
        status = WithText(status, text);
        verification = verification with { Checks = [.. verification.Checks.Select(c => c with { Detail = $"{c.Detail} {text}" }), new VerificationCheck($"module-vermagic:{text}", CheckResult.Fail, text)] };
        var journal = FixtureReports.Journal().Value!;
        journal = journal with { Entries = [.. journal.Entries.Select(e => e with { Error = text, User = text })] };
        var contributors = new IReportDataContributor[] { new Contributor(text, fails: false), new Contributor(text, fails: true) };
        return await new HostReportBuilder(FixedTimeProvider.Default, contributors).BuildAsync(status, verification, Reading.Known(journal));
    }

    private static string Fleet(string text)
    {
        var status = WithText(FixtureReports.Read(SysrootFixtures.Rhel9KpatchDnf).Status, text);
        var input = new FleetInput($"/srv/{text}", [new FleetHost($"{text}.json", status), new FleetHost("second.json", status)], [new UnreadableFile($"{text}-broken.json", text)]);
        return new TemplateRenderer(FixtureReports.ShippedOnly).Render("fleet.html", FleetReportBuilder.Build(input, FixedTimeProvider.Default));
    }

    /// <summary>The host name, an unknown reason, package names and CVE texts, patch names and task names all carry <paramref name="text"/>.</summary>
    private static HostStatus WithText(HostStatus status, string text)
    {
        var packages = status.Packages.Value!.Select(p => p with { Name = $"kpatch-patch-{text}", Cves = [.. p.Cves, $"CVE-{text}"] }).ToList();
        var patches = status.Livepatch.Patches.Value!.Select(p => p with { Name = text }).ToList();
        var update = new AvailablePatch($"kpatch-patch-{text}", "2", "1.el9", "x86_64", status.Kernel.Running.Value!, true, "1-2.el9_4", [$"CVE-{text}"], [$"CVE-{text}"]);
        return status with
        {
            Host = status.Host with { Hostname = Reading.Known(text) },
            Kernel = status.Kernel with { Newest = Reading.Unknown<string>(text) },
            Livepatch = status.Livepatch with
            {
                Patches = Reading.Known<IReadOnlyList<LivepatchPatch>>(patches),
                TransitionTasks = Reading.Known<IReadOnlyList<TransitionTask>>([new TransitionTask(text, 1, 1, Reading.Known(text), 0)]),
            },
            Packages = Reading.Known<IReadOnlyList<KpatchPatchPackage>>(packages),
            Coverage = new CveCoverage(
                Reading.Known<IReadOnlyList<string>>([$"CVE-{text}"]),
                Reading.Known<IReadOnlyList<string>>([$"CVE-2024-{text}"]),
                Reading.Known<IReadOnlyList<AvailablePatch>>([update])),
        };
    }

    private sealed class Contributor(string text, bool fails) : IReportDataContributor
    {
        public string Name => fails ? $"failing {text}" : text;

        public Task<IReadOnlyList<ReportSection>> ContributeAsync(HostStatus status, VerificationReport? verification, CancellationToken cancellationToken) =>
            fails
                ? throw new InvalidOperationException(text)
                : Task.FromResult<IReadOnlyList<ReportSection>>([new ReportSection("inventory", text, [text, "rack"], [[text, text]]) { Note = text }]);
    }
}
