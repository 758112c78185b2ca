using KpatchScript.Operations;

namespace KpatchScript.Serialization;

/// <summary>JSON of <c>journal --json</c> (schema: Operations/journal.schema.json, version 1).</summary>
public static class JournalJson
{
    public static string Write(Journal journal)
    {
        var w = new JsonTextBuilder();
        w.WriteStartObject();
        w.WriteNumber("schema_version", 1);
        w.WriteString("path", journal.Path);
        w.WriteNumber("total", journal.Total);
        w.WriteStartArray("entries");
        foreach (var entry in journal.Entries)
        {
            Entry(w, entry);
        }

        w.WriteEndArray();
        w.WritePropertyName("unreadable_lines");
        StatusJsonWriter.Array(w, journal.UnreadableLines, w.WriteStringValue);
        w.WriteEndObject();
        return w.ToString();
    }

    /// <summary>One operation; also used where reports carry journal excerpts.</summary>
    internal static void Entry(JsonTextBuilder w, JournalEntry entry)
    {
        w.WriteStartObject();
        w.WriteString("id", entry.Id);
        w.WriteString("started", entry.Started);
        w.WriteString("outcome", Word(entry.Outcome));
        w.WriteString("operation", entry.Operation);
        w.WriteString("target", entry.Target);
        w.WriteString("install_root", entry.InstallRoot);
        w.WriteString("kernel_release", entry.KernelRelease);
        w.WriteString("user", entry.User);
        w.WriteString("sudo_user", entry.SudoUser);
        w.WriteNumber("pid", entry.Pid);
        CommandJson.WriteArgumentVectors(w, "commands", entry.Commands);
        w.WriteString("error", entry.Error);
        if (entry.Detail is { } detail)
        {
            w.WriteString("detail", detail);
        }

        if (entry.Duration is { } duration)
        {
            w.WriteNumber("duration_ms", (long)Math.Round(duration.TotalMilliseconds));
        }
        else
        {
            w.WriteNull("duration_ms");
        }

        w.WriteEndObject();
    }

    public static string Word(JournalOutcome outcome) => outcome switch
    {
        JournalOutcome.Succeeded => "succeeded",
        JournalOutcome.Unchanged => "unchanged",
        JournalOutcome.Failed => "failed",
        JournalOutcome.Interrupted => "interrupted",
        _ => "unfinished",
    };
}
