using KpatchScript.Reporting.Alerts;
using KpatchScript.Reporting.Fleet;
using KpatchScript.IO;
using KpatchScript.Reporting.Rendering;
using KpatchScript.TestFixtures;

namespace KpatchScript.Reporting.Tests;

/// <summary>
/// The files Reporting reads are bounded (issue 17, point 7): the alert state, fleet documents
/// and templates are refused at once when they are FIFOs, a key that appears twice makes the
/// alert state corrupt, and temporaries left by a killed write are removed by the next one.
/// </summary>
public sealed class BoundedReadTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-reporting-bounded-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Calls_an_alert_state_with_a_key_twice_corrupt_and_names_the_key()
    {
        var path = Path.Combine(_directory, "alert-state.json");
        File.WriteAllText(path, """
            { "schema_version": 1, "alerts": [ { "key": "a", "rule": "kernel-not-covered", "severity": "critical", "severity": "info",
              "host": "h", "target": "local", "summary": "s", "first_seen": "2026-01-15T00:00:00+00:00" } ] }
            """);

        var ex = Assert.Throws<AlertStateException>(() => AlertStateFile.Read(path));

        Assert.StartsWith($"alert state {path} is corrupt (key 'alerts[0].severity' appears twice); it is left as it is", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_an_alert_state_that_is_a_fifo()
    {
        var path = Path.Combine(_directory, "alert-state.json");
        SpecialFiles.MakeFifo(path);

        var ex = Deadline.Within(Limit, () => Assert.Throws<AlertStateException>(() => AlertStateFile.Read(path)));

        Assert.Equal($"alert state {path} cannot be read: {path} is a named pipe (FIFO), not a regular file: name a regular file instead", ex.Message);
    }

    [Fact]
    public void Removes_the_temporaries_of_a_killed_write_and_keeps_a_live_writers()
    {
        var path = Path.Combine(_directory, "alert-state.json");
        var dead = Path.Combine(_directory, $".alert-state.json.{int.MaxValue}.0123456789abcdef0123456789abcdef.tmp"); // no such process
        var live = Path.Combine(_directory, ".alert-state.json.1.0123456789abcdef0123456789abcdef.tmp"); // init: alive
        var other = Path.Combine(_directory, $".report.html.{int.MaxValue}.0123456789abcdef0123456789abcdef.tmp"); // another file's
        File.WriteAllText(dead, "{");
        File.WriteAllText(live, "{");
        File.WriteAllText(other, "<");

        AlertStateFile.Write(path, []);

        Assert.Equal(
            [".alert-state.json.1.0123456789abcdef0123456789abcdef.tmp", $".report.html.{int.MaxValue}.0123456789abcdef0123456789abcdef.tmp", "alert-state.json"],
            Directory.GetFiles(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Lists_a_fleet_document_that_is_a_fifo_as_unreadable()
    {
        SpecialFiles.MakeFifo(Path.Combine(_directory, "web1.json"));

        var input = Deadline.Within(Limit, () => FleetReader.Read(_directory));

        var unreadable = Assert.Single(input.Unreadable);
        Assert.Equal(new UnreadableFile("web1.json", $"cannot be read: {_directory}/web1.json is a named pipe (FIFO), not a regular file: name a regular file instead"), unreadable);
    }

    [Fact]
    public void Refuses_a_template_override_that_is_a_fifo()
    {
        SpecialFiles.MakeFifo(Path.Combine(_directory, "report.html"));

        var ex = Deadline.Within(Limit, () => Assert.Throws<TemplateException>(() => new TemplateLookup([_directory]).Load("report.html")));

        Assert.Equal($"template report.html: cannot read {_directory}/report.html: {_directory}/report.html is a named pipe (FIFO), not a regular file: name a regular file instead", ex.Message);
    }

    [Fact]
    public void Writes_atomically_where_a_leftover_name_is_not_ours()
    {
        // A file that merely looks like a temporary (no pid) is someone else's: left alone.
        var path = Path.Combine(_directory, "out.txt");
        File.WriteAllText(Path.Combine(_directory, ".out.txt.backup.tmp"), "x");

        AtomicFile.Write(path, "new\n");

        Assert.True(File.Exists(Path.Combine(_directory, ".out.txt.backup.tmp")));
        Assert.Equal("new\n", File.ReadAllText(path));
    }
}
