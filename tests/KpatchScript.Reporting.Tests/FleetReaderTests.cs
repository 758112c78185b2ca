using KpatchScript.Reporting.Fleet;
using KpatchScript.Reporting.Rendering;
using KpatchScript.Serialization;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Reporting.Tests;

/// <summary>A fleet directory as collected: every *.json is read; what is not a status document is listed with the reason, never skipped.</summary>
public sealed class FleetReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-fleet-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Every_json_file_is_a_host_or_an_unreadable_file_with_its_reason()
    {
        var (status, verification) = FixtureReports.Read(SysrootFixtures.Rhel9KpatchDnf);
        var document = StatusJson.Serialize(status, verification.Verdict);
        File.WriteAllText(Path.Combine(_directory, "app03.json"), document);
        // A version-1 document (no verdict) from an older kpatch-script is still a host.
        File.WriteAllText(Path.Combine(_directory, "old.json"), StatusJson.Serialize(status with { SchemaVersion = 1 }));
        // A verdict that claims better than its own reasons is not taken.
        File.WriteAllText(Path.Combine(_directory, "forged.json"), document.Replace("\"state\": \"not covered\"", "\"state\": \"covered\"", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(_directory, "torn.json"), "{ \"schema_version\": 2, ");
        File.WriteAllText(Path.Combine(_directory, "other.json"), "{ \"verdict\": \"pass\" }");
        File.WriteAllText(Path.Combine(_directory, "future.json"), "{ \"schema_version\": 3 }");
        File.WriteAllText(Path.Combine(_directory, "list.json"), "[]");
        File.WriteAllText(Path.Combine(_directory, "notes.txt"), "not an input: only *.json files are");

        var input = FleetReader.Read(_directory);

        Assert.Equal(["app03.json", "old.json"], input.Hosts.Select(h => h.File));
        Assert.Equal("rhel94-app03", input.Hosts[0].Status.Host.Hostname.Value);
        Assert.Equal(verification.Verdict.State, input.Hosts[0].Verdict!.State);
        Assert.Equal(verification.Verdict.Reasons, input.Hosts[0].Verdict!.Reasons);
        Assert.Null(input.Hosts[1].Verdict);
        Assert.Equal(["forged.json", "future.json", "list.json", "other.json", "torn.json"], input.Unreadable.Select(u => u.File));
        Assert.Equal("not a valid status --json document: \"verdict.state\" is 'covered' but its reasons make it 'not covered'", input.Unreadable[0].Reason);
        Assert.Equal("not a status --json document: no \"schema_version\" of 1 or 2", input.Unreadable[1].Reason);
        Assert.Equal("not a status --json document: not a JSON object", input.Unreadable[2].Reason);
        Assert.StartsWith("not a status --json document: ", input.Unreadable[4].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_documents_top_level_is_read_as_a_JSON_parser_reads_it()
    {
        // The reader looks at the top level only (schema version, verdict) and checks the rest's syntax as it passes.
        var (status, verification) = FixtureReports.Read(SysrootFixtures.Rhel9KpatchDnf);
        var document = StatusJson.Serialize(status, verification.Verdict);
        var body = document[document.IndexOf('{', StringComparison.Ordinal)..].TrimEnd()[1..^1];
        // Of a name given twice the last counts, as in System.Text.Json's JsonDocument.
        File.WriteAllText(Path.Combine(_directory, "a-twice.json"), "{ \"schema_version\": 7," + body + "}");
        File.WriteAllText(Path.Combine(_directory, "b-twice-bad.json"), "{" + body + ", \"schema_version\": \"2\" }");
        File.WriteAllText(Path.Combine(_directory, "c-trailing.json"), document + " {}");
        File.WriteAllText(Path.Combine(_directory, "d-verdict-null.json"), "{" + body + ", \"verdict\": null }");
        File.WriteAllText(Path.Combine(_directory, "e-deep-error.json"), document.Replace("\"architecture\": \"x86_64\"", "\"architecture\": [1,, 2]", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(_directory, "f-escaped-name.json"), document.Replace("\"schema_version\"", "\"schema\\u005fversion\"", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(_directory, "g-empty.json"), "  \n");

        var input = FleetReader.Read(_directory);

        Assert.Equal(["a-twice.json", "f-escaped-name.json"], input.Hosts.Select(h => h.File));
        Assert.Equal(verification.Verdict.Reasons, input.Hosts[1].Verdict!.Reasons);
        Assert.Equal(["b-twice-bad.json", "c-trailing.json", "d-verdict-null.json", "e-deep-error.json", "g-empty.json"], input.Unreadable.Select(u => u.File));
        Assert.Equal("not a status --json document: no \"schema_version\" of 1 or 2", input.Unreadable[0].Reason);
        Assert.Contains("is invalid after a single JSON value", input.Unreadable[1].Reason, StringComparison.Ordinal);
        Assert.Equal("not a valid status --json document: \"verdict\" is not an object", input.Unreadable[2].Reason);
        Assert.StartsWith("not a status --json document: ", input.Unreadable[3].Reason, StringComparison.Ordinal);
        Assert.StartsWith("not a status --json document: ", input.Unreadable[4].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_of_text_instead_of_a_document_is_quoted_in_its_reason_safely()
    {
        // What a collector writes when a host gave no document (the Ansible status playbook, or 2>&1 of a failed ssh).
        File.WriteAllText(Path.Combine(_directory, "web1.json"), "kpatch-script status failed on web1: ssh: connect to host web1 port 22: Connection refused\nsecond line\n");
        File.WriteAllText(Path.Combine(_directory, "web2.json"), "\u001b]0;owned\u0007 " + new string('x', 300));

        var input = FleetReader.Read(_directory);

        Assert.Equal("not a status --json document: it says 'kpatch-script status failed on web1: ssh: connect to host web1 port 22: Connection refused'", input.Unreadable[0].Reason);
        Assert.Equal($"not a status --json document: it says '\\x1b]0;owned\\x07 {new string('x', 109)}...'", input.Unreadable[1].Reason);
    }

    [Fact]
    public void A_large_fleet_read_in_parallel_keeps_the_files_order_and_renders_as_one_read_alone()
    {
        var (status, verification) = FixtureReports.Read(SysrootFixtures.Rhel9KpatchDnf);
        for (var i = 0; i < 600; i++)
        {
            var host = status with { Host = status.Host with { Hostname = Status.Reading.Known($"app{i:D3}") } };
            // Every seventh file is torn, so hosts and unreadable files interleave.
            File.WriteAllText(Path.Combine(_directory, $"h{i:D3}.json"), i % 7 == 3 ? "{ \"schema_version\": 2, " : StatusJson.Serialize(host, verification.Verdict));
        }

        var input = FleetReader.Read(_directory);

        var expected = Enumerable.Range(0, 600).Where(i => i % 7 != 3).Select(i => $"h{i:D3}.json");
        Assert.Equal(expected, input.Hosts.Select(h => h.File));
        Assert.Equal(expected.Select(f => "app" + f[1..4]), input.Hosts.Select(h => h.Status.Host.Hostname.Value));
        Assert.Equal(Enumerable.Range(0, 600).Where(i => i % 7 == 3).Select(i => $"h{i:D3}.json"), input.Unreadable.Select(u => u.File));

        // The hosts array is converted for the template in parallel (ScriptModel); each host
        // alone, converted on its own, renders the same row.
        var renderer = new TemplateRenderer(FixtureReports.ShippedOnly);
        var whole = renderer.Render("fleet.csv", FleetReportBuilder.Build(input, FixedTimeProvider.Default)).Split('\n');
        var one = renderer.Render("fleet.csv", FleetReportBuilder.Build(input with { Hosts = [input.Hosts[500]], Unreadable = [] }, FixedTimeProvider.Default)).Split('\n');
        Assert.Contains(one[1], whole);
    }

    [Fact]
    public void A_document_is_read_as_File_ReadAllText_reads_it_whatever_its_encoding()
    {
        var (status, verification) = FixtureReports.Read(SysrootFixtures.Rhel9KpatchDnf);
        var document = StatusJson.Serialize(status, verification.Verdict);
        // UTF-8 bytes are parsed as they are; a byte-order mark, UTF-16, or bytes that are not
        // UTF-8 (replaced, as File.ReadAllText replaces them) take the text path: the same host each time.
        File.WriteAllBytes(Path.Combine(_directory, "a-utf8.json"), System.Text.Encoding.UTF8.GetBytes(document));
        File.WriteAllBytes(Path.Combine(_directory, "b-bom.json"), [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(document)]);
        File.WriteAllBytes(Path.Combine(_directory, "c-utf16.json"), [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes(document)]);
        var broken = System.Text.Encoding.UTF8.GetBytes(document.Replace("rhel94-app03", "rhel94-appXY", StringComparison.Ordinal));
        for (var at = 0; broken.AsSpan(at).IndexOf("rhel94-appXY"u8) is >= 0 and var found; at += found + 12)
        {
            // A lead byte, then no continuation: not UTF-8 (the name is in more than one place).
            (broken[at + found + 10], broken[at + found + 11]) = ((byte)0xC3, (byte)0x28);
        }
        File.WriteAllBytes(Path.Combine(_directory, "d-latin.json"), broken);

        var input = FleetReader.Read(_directory);

        Assert.Empty(input.Unreadable);
        Assert.Equal(["rhel94-app03", "rhel94-app03", "rhel94-app03", "rhel94-app\uFFFD("], input.Hosts.Select(h => h.Status.Host.Hostname.Value));
        Assert.All(input.Hosts, h => Assert.Equal(verification.Verdict.State, h.Verdict!.State));
    }

    [Fact]
    public void A_missing_directory_is_an_error()
    {
        var missing = Path.Combine(_directory, "nope");

        Assert.Equal($"fleet directory {missing} does not exist", Assert.Throws<IOException>(() => FleetReader.Read(missing)).Message);
    }

    [Fact]
    public void Csv_cells_are_quoted_and_formulas_defused()
    {
        var status = FixtureReports.Read(SysrootFixtures.Rhel9KpatchDnf).Status;
        var hostile = status with { Host = status.Host with { Hostname = Status.Reading.Known("=HYPERLINK(\"http://x\",\"a,b\")") } };
        var model = FleetReportBuilder.Build(new FleetInput("/srv", [new FleetHost("+cmd.json", hostile)], [new UnreadableFile("@x.json", "-bad, \"quoted\"\nline")]), FixedTimeProvider.Default);

        var csv = new TemplateRenderer(FixtureReports.ShippedOnly).Render("fleet.csv", model);

        Assert.Contains("'+cmd.json,\"'=HYPERLINK(\"\"http://x\"\",\"\"a,b\"\")\",", csv, StringComparison.Ordinal);
        Assert.Contains("'@x.json,,,,unreadable,,,,,,,,\"'-bad, \"\"quoted\"\"\nline\"", csv, StringComparison.Ordinal);
        Assert.Contains(",-280,", csv, StringComparison.Ordinal); // a number is a number, not a formula
    }
}
