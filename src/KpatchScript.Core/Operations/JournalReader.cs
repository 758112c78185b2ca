using System.Globalization;
using System.Text.Json;
using KpatchScript.Host;
using KpatchScript.IO;

namespace KpatchScript.Operations;

/// <summary>
/// Reads the audit journal that <see cref="AuditJournal"/> appends to. A missing file is an empty
/// journal (nothing was ever changed); a line that is not a record is reported by number, and the
/// rest is still read, so one torn line never hides the history.
/// </summary>
public static class JournalReader
{
    /// <summary>The journal of operations on <paramref name="installRoot"/> (dnf --installroot), else under <paramref name="stateDirectory"/>, else <c>/</c>.</summary>
    public static string PathFor(string? installRoot, string? stateDirectory) =>
        OperationPaths.For(installRoot ?? stateDirectory).JournalFile;

    /// <exception cref="HostSystemException">The file exists but cannot be read.</exception>
    public static Journal Read(string path, int limit = int.MaxValue)
    {
        string[] lines;
        try
        {
            lines = BoundedFile.KindOf(path) == EntryKind.Missing ? [] : BoundedFile.ReadLines(path, ReadLimits.Journal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HostSystemException($"cannot read the audit journal {path}: {ex.Message}");
        }

        return Parse(path, lines, limit);
    }

    public static Journal Parse(string path, IReadOnlyList<string> lines, int limit = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var unreadable = new List<string>();
        // id -> (started record, end record), in the order ids first appear.
        var byId = new Dictionary<string, (Record? Started, Record? End, int Order)>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            Record record;
            try
            {
                record = Record.Parse(lines[i]);
            }
            catch (FormatException ex)
            {
                unreadable.Add($"line {i + 1}: {ex.Message}");
                continue;
            }

            var slot = byId.TryGetValue(record.Id, out var found) ? found : (null, null, byId.Count);
            slot = record.Outcome == "started" ? slot with { Started = record } : slot with { End = record };
            byId[record.Id] = slot;
        }

        var entries = byId.Values
            .Select(s => (Entry: Merge(s.Started, s.End), s.Order))
            .OrderByDescending(e => e.Entry.Started)
            .ThenByDescending(e => e.Order)
            .Select(e => e.Entry)
            .ToList();
        return new Journal(path, entries.Take(limit).ToList(), entries.Count, unreadable);
    }

    private static JournalEntry Merge(Record? started, Record? end)
    {
        var first = started ?? end!;
        var last = end ?? started!;
        var outcome = end?.Outcome switch
        {
            "succeeded" => JournalOutcome.Succeeded,
            "unchanged" => JournalOutcome.Unchanged,
            "failed" => JournalOutcome.Failed,
            "interrupted" => JournalOutcome.Interrupted,
            _ => JournalOutcome.Unfinished,
        };
        return new JournalEntry(
            first.Id, first.Time, outcome, first.Operation, first.Target, first.InstallRoot ?? last.InstallRoot,
            first.KernelRelease ?? last.KernelRelease, first.User, first.SudoUser, first.Pid,
            last.Commands.Count > 0 ? last.Commands : first.Commands, end?.Error, end?.Duration) { Detail = end?.Detail };
    }

    /// <summary>One line of the journal, as <see cref="AuditJournal"/> writes it.</summary>
    private sealed record Record(
        string Id, DateTimeOffset Time, string Outcome, string Operation, string Target, string? InstallRoot, string? KernelRelease,
        string User, string? SudoUser, int Pid, IReadOnlyList<IReadOnlyList<string>> Commands, string? Error, TimeSpan? Duration, string? Detail)
    {
        private static readonly string[] Outcomes = ["started", "succeeded", "unchanged", "failed", "interrupted"];

        /// <exception cref="FormatException">The line is not a journal record; the message says why.</exception>
        public static Record Parse(string line)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException ex)
            {
                throw new FormatException($"not JSON ({Serialization.JsonErrors.Describe(ex)})");
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException("not a JSON object");
                }

                var outcome = Required(root, "outcome");
                if (Array.IndexOf(Outcomes, outcome) < 0)
                {
                    throw new FormatException($"unknown outcome '{outcome}'");
                }

                var time = Required(root, "time");
                if (!DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
                {
                    throw new FormatException($"time '{time}' is not a date");
                }

                return new Record(
                    Required(root, "id"), parsed, outcome, Required(root, "operation"), Required(root, "target"),
                    Optional(root, "install_root"), Optional(root, "kernel_release"), Optional(root, "user") ?? "unknown",
                    Optional(root, "sudo_user"), root.TryGetProperty("pid", out var pid) && pid.TryGetInt32(out var p) ? p : 0,
                    ReadCommands(root), Optional(root, "error"),
                    root.TryGetProperty("duration_ms", out var ms) && ms.TryGetInt64(out var d) ? TimeSpan.FromMilliseconds(d) : null,
                    Optional(root, "detail"));
            }
        }

        private static string Required(JsonElement root, string name) =>
            Optional(root, name) ?? throw new FormatException($"no \"{name}\" string");

        private static string? Optional(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static List<IReadOnlyList<string>> ReadCommands(JsonElement root)
        {
            if (!root.TryGetProperty("commands", out var commands) || commands.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            return commands.EnumerateArray()
                .Where(c => c.ValueKind == JsonValueKind.Array)
                .Select(c => (IReadOnlyList<string>)c.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.String ? a.GetString()! : a.GetRawText()).ToList())
                .ToList();
        }
    }
}
