using KpatchScript.Reporting.Rendering;
using KpatchScript.TestFixtures;

namespace KpatchScript.Reporting.Tests;

/// <summary>
/// Broken templates as ordinary golden cases: each Golden/errors/&lt;case&gt; (names starting with '_'
/// are partials they include) renders over a fixture model and fails with the one line in
/// &lt;case&gt;.error: typo'd variable and member, missing include, syntax errors, loop and output limits.
/// </summary>
public sealed class TemplateErrorGoldenTests
{
    private static readonly string Directory = RepositoryPaths.Combine("tests", "KpatchScript.Reporting.Tests", "Golden", "errors");

    public static TheoryData<string> Cases() => new(System.IO.Directory.GetFiles(Directory)
        .Select(Path.GetFileName)
        .Where(n => !n!.StartsWith('_') && !n.EndsWith(".error", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_broken_template_fails_with_one_line_naming_template_line_and_column(string template)
    {
        var report = await FixtureReports.ReportAsync(SysrootFixtures.Rhel9KpatchDnf);

        var error = Assert.Throws<TemplateException>(() => new TemplateRenderer(new TemplateLookup([Directory])).Render(template, report.Model));

        // The missing include names the places it looked in: this machine's directories, written back as placeholders.
        var message = error.Message.Replace(Directory, "{errors}", StringComparison.Ordinal) + "\n";
        Assert.DoesNotContain('\n', message.TrimEnd('\n'));
        Assert.Equal(GoldenFiles.Expected($"tests/KpatchScript.Reporting.Tests/Golden/errors/{template}.error", message), message);
    }
}
