using System.Text.Json;
using KpatchScript.Serialization;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Cli.Tests;

/// <summary>kpatch-script report: formats, --out written whole or not at all, template errors as one line, the fleet form.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-report-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Sysroot(string fixture) => "sysroot:" + SysrootFixtures.Get(fixture);

    private CliRunner.Outcome Run(params string[] args) => CliRunner.RunWithConfig(Path.Combine(_directory, "no-config.json"), args);

    [Fact]
    public void Text_is_the_default_and_json_is_the_model_of_the_schema()
    {
        var text = Run("report", "--target", Sysroot(SysrootFixtures.PatchInTransition));
        var json = Run("report", "--json", "--target", Sysroot(SysrootFixtures.PatchInTransition));

        Assert.Equal((0, ""), (text.ExitCode, text.Error));
        Assert.StartsWith("NOT COVERED: trixie-db is not covered: Verification failed: transition: livepatch_sleep in transition when captured", text.Out, StringComparison.Ordinal);
        Assert.Equal(0, json.ExitCode);
        Assert.Empty(JsonSchemaFile.Report.Errors(json.Out));
        using var model = JsonDocument.Parse(json.Out);
        Assert.Equal("not covered", model.RootElement.GetProperty("verdict").GetProperty("state").GetString());
        Assert.Equal("2026-01-15T12:00:00+00:00", model.RootElement.GetProperty("generated_at").GetString());
    }

    [Fact]
    public void Out_takes_the_format_from_its_extension_and_writes_the_whole_file()
    {
        var file = Path.Combine(_directory, "report.html");

        var outcome = Run("report", "--out", file, "--target", Sysroot(SysrootFixtures.Rhel9KpatchDnf));

        Assert.Equal((0, "", ""), (outcome.ExitCode, outcome.Out, outcome.Error));
        var html = File.ReadAllText(file);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Not covered</h2>", html, StringComparison.Ordinal);
        Assert.Equal(["report.html"], Directory.GetFiles(_directory).Select(Path.GetFileName)); // no temporary file left
    }

    [Fact]
    public void A_template_error_is_one_line_and_leaves_no_file()
    {
        var templates = Directory.CreateDirectory(Path.Combine(_directory, "templates")).FullName;
        File.WriteAllText(Path.Combine(templates, "report.md"), "# {{ status.host.hostname }}\n\n{{ verdict.stat }}\n");
        var file = Path.Combine(_directory, "report.md");
        File.WriteAllText(file, "the previous report");

        var outcome = Run("report", "--format", "md", "--templates", templates, "--out", file, "--target", Sysroot(SysrootFixtures.LabLoaded));

        Assert.Equal((1, "", "kpatch-script: error: template report.md(3,12): Cannot get member with name stat\n"), (outcome.ExitCode, outcome.Out, outcome.Error));
        Assert.Equal("the previous report", File.ReadAllText(file));
        Assert.Equal(["report.md"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void Templates_override_file_by_file()
    {
        var templates = Directory.CreateDirectory(Path.Combine(_directory, "templates")).FullName;
        File.WriteAllText(Path.Combine(templates, "status.txt"), "{{ verdict.state }} / {{ status.host.hostname }}\n");

        var text = Run("report", "--templates", templates, "--target", Sysroot(SysrootFixtures.Rhel9KpatchDnf));
        var html = Run("report", "--format", "html", "--templates", templates, "--target", Sysroot(SysrootFixtures.Rhel9KpatchDnf));

        Assert.Equal("not covered / rhel94-app03\n", text.Out);
        Assert.StartsWith("<!DOCTYPE html>", html.Out, StringComparison.Ordinal); // the shipped one
    }

    [Fact]
    public void A_fleet_report_lists_unreadable_files_and_duplicates_names_them_on_stderr_and_exits_1()
    {
        var fleet = Directory.CreateDirectory(Path.Combine(_directory, "fleet")).FullName;
        var status = new KpatchFacade(new SysrootHostSystem(SysrootFixtures.Get(SysrootFixtures.Rhel9KpatchDnf)), FixedTimeProvider.Default).Detect();
        File.WriteAllText(Path.Combine(fleet, "app03.json"), StatusJson.Serialize(status));
        // The same host collected a day earlier under another name: shown once, the older listed.
        File.WriteAllText(Path.Combine(fleet, "app03-old.json"), StatusJson.Serialize(status with { CollectedAt = status.CollectedAt.AddDays(-1) }));
        File.WriteAllText(Path.Combine(fleet, "broken.json"), "<html>");
        File.WriteAllText(Path.Combine(fleet, "torn.json"), "{");

        var csv = Run("report", "--fleet", fleet, "--format", "csv");
        var html = Run("report", "--fleet", fleet);

        // The report is whole, and the exit code says files were not read: 1, however many (2 would be a wrong command line).
        Assert.Equal(1, csv.ExitCode);
        var errors = csv.Error.TrimEnd('\n').Split('\n');
        Assert.Equal(3, errors.Length);
        Assert.StartsWith($"kpatch-script: error: {Path.Combine(fleet, "broken.json")}: not a status --json document: ", errors[0], StringComparison.Ordinal);
        Assert.EndsWith("; it is listed in the report as unreadable", errors[1], StringComparison.Ordinal);
        Assert.Equal($"kpatch-script: note: {Path.Combine(fleet, "app03-old.json")}: the host name rhel94-app03 is also in app03.json, which the report shows; this one is listed as a duplicate, not counted", errors[2]);
        var rows = csv.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(1 + 3 + 2 + 1, rows.Length); // header, three CVEs fixed live, the two unreadable files, the duplicate
        Assert.StartsWith("app03.json,rhel94-app03,", rows[1], StringComparison.Ordinal);
        Assert.StartsWith("broken.json,,,,unreadable,", rows[4], StringComparison.Ordinal);
        Assert.StartsWith("app03-old.json,rhel94-app03,,", rows[6], StringComparison.Ordinal);
        Assert.Contains("<h2>Unreadable files</h2>", html.Out, StringComparison.Ordinal);
        Assert.Contains("<h2>Duplicate host names</h2>", html.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--format pdf", "--format pdf is not one of html, md, txt, json; see 'kpatch-script report --help'")]
    [InlineData("--fleet /tmp --format md", "--format md is not one of html, csv, json for --fleet; see 'kpatch-script report --help'")]
    [InlineData("--json --format html", "--json is --format json; it cannot go with --format html")]
    [InlineData("--fleet /tmp --target local2", "--fleet reads status documents: --target and --check-updates do not apply (collect them with 'kpatch-script status --json --check-updates')")]
    [InlineData("--fleet /tmp --plugins /tmp", "--fleet reads status documents: --plugins does not apply (plugins add sections and checks to a host report)")]
    [InlineData("--templates /no/such/dir", "--templates /no/such/dir: no such directory")]
    public void A_wrong_command_line_is_exit_2(string arguments, string message)
    {
        var outcome = Run(["report", .. arguments.Split(' ')]);

        Assert.Equal((2, $"kpatch-script: error: {message}\n"), (outcome.ExitCode, outcome.Error));
    }

    [Fact]
    public void A_missing_fleet_directory_is_exit_1()
    {
        var outcome = Run("report", "--fleet", Path.Combine(_directory, "none"));

        Assert.Equal((1, $"kpatch-script: error: fleet directory {Path.Combine(_directory, "none")} does not exist\n"), (outcome.ExitCode, outcome.Error));
    }
}
