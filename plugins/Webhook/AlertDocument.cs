using System.Text.Json;
using KpatchScript.Alerts;
using KpatchScript.Verdicts;

namespace KpatchScript.Plugins.Webhook;

/// <summary>
/// The JSON a webhook receives (<c>body: json</c>), version 2: the target, the time of the
/// evaluation, the host's verdict (the one every surface shows), how many problems are active,
/// every notification due now, and the alert.txt rendering when there is one. Written with Utf8JsonWriter, not the reflection serializer: its
/// type cache would keep the plugin's types, and so its unloaded load context, alive.
/// </summary>
internal static class AlertDocument
{
    public static byte[] Write(AlertBatch batch)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            w.WriteStartObject();
            w.WriteNumber("schema_version", 2);
            w.WriteString("target", batch.Status.Target);
            w.WriteString("time", batch.Time);
            WriteVerdict(w, batch.Verdict);
            w.WriteNumber("active", batch.Active.Count);
            w.WriteStartArray("notifications");
            foreach (var alert in batch.Notifications)
            {
                w.WriteStartObject();
                w.WriteString("rule", alert.Rule);
                w.WriteString("key", alert.Key);
                w.WriteString("severity", alert.Severity.ToString().ToLowerInvariant());
                w.WriteString("state", alert.State.ToString().ToLowerInvariant());
                w.WriteString("host", alert.Host);
                w.WriteString("target", alert.Target);
                w.WriteString("summary", alert.Summary);
                w.WriteString("detail", alert.Detail);
                w.WriteString("since", alert.Since);
                w.WriteString("time", alert.Time);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("rendered_text", batch.RenderedText);
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>
    /// The verdict object as status --json and the reports carry it. Written here, not by Core's
    /// VerdictJson: a plugin references Abstractions only (the contract), never the facade.
    /// </summary>
    private static void WriteVerdict(Utf8JsonWriter w, Verdict verdict)
    {
        w.WriteStartObject("verdict");
        w.WriteString("state", VerdictWords.Of(verdict.State));
        w.WriteString("summary", verdict.Summary);
        w.WriteStartArray("reasons");
        foreach (var reason in verdict.Reasons)
        {
            w.WriteStartObject();
            w.WriteString("code", reason.Code);
            w.WriteString("level", VerdictWords.Of(reason.Level));
            w.WriteString("text", reason.Text);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
