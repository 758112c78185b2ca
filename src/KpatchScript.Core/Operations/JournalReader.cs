using System.Globalization;
using System.Text.Json;
using KpatchScript.Host;

namespace KpatchScript.Operations;

/// <summary>
/// Reads the audit journal that <see cref="AuditJournal"/> appends to, on the target. A missing
/// file is an empty journal (nothing was ever changed); a line that is not a record is reported
/// once, by number, and the rest is still read, so one torn line never hides the history.
/// </summary>
public static class JournalReader
{
    /// <summary>
    /// The journal of the host <paramref name="target"/> stands for, where the writers put it
    /// (<see cref="OperationPaths.RootOf"/>): the tree's own for a sysroot, under the install root
    /// when one is given, under <paramref name="stateDirectory"/> for this machine, under <c>/</c>
    /// of a remote host.
    /// </summary>
    /// <exception cref="HostSystemException">The file exists but cannot be read.</exception>
    public static Journal Read(IHostSystem target, string? installRoot, string? stateDirectory, int limit = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(target);
        var path = OperationPaths.On(target, installRoot, stateDirectory).JournalFile;
        string text;
        try
        {
            text = target.ReadFile(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            text = "";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or HostSystemException)
        {
            throw new HostSystemException($"cannot read the audit journal {path}{HostLock.On(target)}: {ex.Message}");
        }

        // Every record ends in a newline; a last line without one is a torn record, still a line.
        var lines = text.Split('\n');
        return Parse(path, text.EndsWith('\n') ? lines[..^1] : text.Length == 0 ? [] : lines, limit);
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
                // A record that begins but never closes was cut short by a crash while it was written.
                throw new FormatException(line.StartsWith('{') && !line.TrimEnd().EndsWith('}')
                    ? "a torn record (cut short, e.g. by a crash while it was written)"
                    : $"not JSON ({Serialization.JsonErrors.Describe(ex)})");
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
