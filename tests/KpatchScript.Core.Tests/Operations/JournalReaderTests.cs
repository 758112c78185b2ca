using KpatchScript.Host;
using KpatchScript.Operations;
using KpatchScript.Serialization;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Core.Tests.Operations;

/// <summary>The audit journal read back: what AuditJournal writes, merged per operation, and what it does with lines it cannot read.</summary>
public sealed class JournalReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-journal-").FullName;

    private static readonly LocalHostSystem Local = new();

    /// <summary>Where this machine's journal is with state_directory = the test's directory.</summary>
    private string JournalPath => OperationPaths.For(_directory).JournalFile;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Records_written_by_the_audit_journal_read_back_as_one_entry_per_operation_newest_first()
    {
        var time = new SteppingTimeProvider(); // one time for every record: the order of writing decides
        var journal = new AuditJournal(Local, JournalPath, time);
        var install = new OperationRecord("install", "local", "/srv/root", "5.14.0-284.11.1.el9_2.x86_64", [new CommandSpec(["dnf", "install", "kpatch-patch = 5.14.0-284.11.1.el9_2.x86_64"], Mutates: true)]);
        var load = new OperationRecord("load", "ssh://root@lab", null, null, []);
        journal.Started("a", install);
        journal.Ended("a", install, "succeeded", null, TimeSpan.FromMilliseconds(1234));
        journal.Started("b", load);
        journal.Ended("b", load, "failed", "the transition of p did not finish in 60 s", TimeSpan.FromSeconds(60));
        journal.Started("c", install);

        var read = JournalReader.Read(Local, installRoot: null, stateDirectory: _directory);

        Assert.Empty(read.UnreadableLines);
        Assert.Equal(3, read.Total);
        Assert.Equal(["c", "b", "a"], read.Entries.Select(e => e.Id));
        Assert.Equal([JournalOutcome.Unfinished, JournalOutcome.Failed, JournalOutcome.Succeeded], read.Entries.Select(e => e.Outcome));
        var a = read.Entries[2];
        Assert.Equal(("install", "local", "/srv/root", "5.14.0-284.11.1.el9_2.x86_64", Environment.ProcessId), (a.Operation, a.Target, a.InstallRoot, a.KernelRelease, a.Pid));
        Assert.Equal(["dnf", "install", "kpatch-patch = 5.14.0-284.11.1.el9_2.x86_64"], Assert.Single(a.Commands));
        Assert.Equal(TimeSpan.FromMilliseconds(1234), a.Duration);
        Assert.Equal("the transition of p did not finish in 60 s", read.Entries[1].Error);
        Assert.Null(read.Entries[0].Duration);
        Assert.Empty(JsonSchemaFile.Journal.Errors(JournalJson.Write(read)));
    }

    [Fact]
    public void A_missing_journal_is_empty()
    {
        var read = JournalReader.Read(Local, installRoot: null, stateDirectory: Path.Combine(_directory, "none"));

        Assert.Equal((0, 0, 0), (read.Total, read.Entries.Count, read.UnreadableLines.Count));
    }

    [Fact]
    public void Lines_that_are_not_records_are_named_by_number_and_the_rest_is_read()
    {
        string[] lines =
        [
            """{"id":"a","time":"2026-11-01T10:00:00+00:00","outcome":"started","operation":"install","target":"local","user":"root","pid":7,"commands":[]}""",
            """{"id":"a","time":"2026-11-01T10:00:0""",
            "",
            "[1,2]",
            """{"id":"b","time":"yesterday","outcome":"started","operation":"load","target":"local"}""",
            """{"id":"c","time":"2026-11-01T10:00:00+00:00","outcome":"exploded","operation":"load","target":"local"}""",
            """{"time":"2026-11-01T10:00:00+00:00","outcome":"started","operation":"load","target":"local"}""",
            """{"id":"a","time":"2026-11-01T10:00:09+00:00","outcome":"succeeded","operation":"install","target":"local","user":"root","pid":7,"commands":[["dnf","x"]],"duration_ms":9000}""",
            "{1,2}",
        ];

        var read = JournalReader.Parse("j", lines, limit: 10);

        Assert.Equal(
            ["line 2: a torn record (cut short, e.g. by a crash while it was written)", "line 4: not a JSON object", "line 5: time 'yesterday' is not a date", "line 6: unknown outcome 'exploded'", "line 7: no \"id\" string", "line 9: not JSON"],
            read.UnreadableLines.Select(l => l.StartsWith("line 9: not JSON", StringComparison.Ordinal) ? "line 9: not JSON" : l));
        var entry = Assert.Single(read.Entries);
        Assert.Equal((JournalOutcome.Succeeded, TimeSpan.FromSeconds(9)), (entry.Outcome, entry.Duration));
        Assert.Equal(["dnf", "x"], Assert.Single(entry.Commands));
    }

    [Fact]
    public void A_record_appended_after_a_torn_line_starts_on_its_own_line_and_the_torn_line_is_reported_once()
    {
        var journal = new AuditJournal(Local, JournalPath, new SteppingTimeProvider());
        var load = new OperationRecord("load", "local", null, null, []);
        journal.Started("a", load);
        // A crash cut the end record of "a" short: the file ends inside a line.
        File.AppendAllText(JournalPath, """{"id":"a","time":"2026-11-01T10:""");
        journal.Started("b", load);
        journal.Ended("b", load, "succeeded", null, TimeSpan.FromSeconds(1));

        var lines = File.ReadAllLines(JournalPath);
        var read = JournalReader.Read(Local, installRoot: null, stateDirectory: _directory);

        Assert.Equal(4, lines.Length);
        Assert.Equal("""{"id":"a","time":"2026-11-01T10:""", lines[1]);
        Assert.Equal(["line 2: a torn record (cut short, e.g. by a crash while it was written)"], read.UnreadableLines);
        Assert.Equal([("b", JournalOutcome.Succeeded), ("a", JournalOutcome.Unfinished)], read.Entries.Select(e => (e.Id, e.Outcome)));
    }

    [Fact]
    public void A_journal_whose_last_line_is_torn_still_reads_every_whole_record()
    {
        var journal = new AuditJournal(Local, JournalPath, new SteppingTimeProvider());
        journal.Started("a", new OperationRecord("install", "local", null, null, []));
        File.AppendAllText(JournalPath, """{"id":"a","outcome":"succ""");

        var read = JournalReader.Read(Local, installRoot: null, stateDirectory: _directory);

        Assert.Equal([("a", JournalOutcome.Unfinished)], read.Entries.Select(e => (e.Id, e.Outcome)));
        Assert.Equal(["line 2: a torn record (cut short, e.g. by a crash while it was written)"], read.UnreadableLines);
    }

    [Fact]
    public void The_limit_keeps_the_newest_and_the_total_counts_all()
    {
        var lines = Enumerable.Range(0, 5).Select(i =>
            $$"""{"id":"{{i}}","time":"2026-11-0{{i + 1}}T10:00:00+00:00","outcome":"succeeded","operation":"update","target":"local"}""").ToList();

        var read = JournalReader.Parse("j", lines, limit: 2);

        Assert.Equal(5, read.Total);
        Assert.Equal(["4", "3"], read.Entries.Select(e => e.Id));
    }
}
