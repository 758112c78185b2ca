using System.Buffers;
using System.Text.Json;
using KpatchScript.Status;
using KpatchScript.Verdicts;

namespace KpatchScript.Serialization;

/// <summary>The status document's JSON form (schema: Abstractions/Status/host-status.schema.json, version 2).</summary>
public static class StatusJson
{
    /// <summary>
    /// Writes the <c>status --json</c> document (indented, UTF-8 text) on the fast start-up path:
    /// the status and, after <c>tool_version</c>, the host's verdict.
    /// </summary>
    public static string Serialize(HostStatus status, Verdict verdict) => StatusJsonWriter.Write(status, verdict);

    /// <summary>
    /// The same document, compact, appended to <paramref name="output"/> as UTF-8: the fleet report
    /// keeps one per host, so no string of each is made, and the text buffer is the thread's own.
    /// </summary>
    public static void SerializeCompact(HostStatus status, Verdict verdict, IBufferWriter<byte> output) => StatusJsonWriter.WriteCompact(status, verdict, output);

    /// <summary>
    /// The status alone, without a verdict: what detection read, not a <c>status --json</c> document
    /// (whose schema requires the verdict). For tests and tools that compare detections.
    /// </summary>
    public static string Serialize(HostStatus status) => StatusJsonWriter.Write(status, verdict: null);

    /// <summary><c>exposure --json</c>: <c>{"schema_version": 2, "target", "exposure"}</c>, the exposure as status --json writes it.</summary>
    public static string SerializeExposure(string target, Reading<CveExposure> exposure)
    {
        var w = new JsonTextBuilder();
        w.WriteStartObject();
        w.WriteNumber("schema_version", HostStatus.CurrentSchemaVersion);
        w.WriteString("target", target);
        StatusJsonWriter.Reading(w, "exposure", exposure, e => StatusJsonWriter.Exposure(w, e));
        w.WriteEndObject();
        return w.ToString();
    }

    /// <summary>Reads a document written by any version-1 or version-2 writer (fleet reports, tests); its verdict is read by <see cref="VerdictJson.Read"/>.</summary>
    public static HostStatus? Deserialize(string json) => JsonSerializer.Deserialize(json, StatusJsonContext.Default.HostStatus);

    /// <summary>The same from UTF-8 (a fleet's files, read as bytes: no text copy of each).</summary>
    public static HostStatus? Deserialize(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize(utf8, StatusJsonContext.Default.HostStatus);

    /// <summary>
    /// The document read by hand, with where its verdict's value is (an empty range when it has
    /// none), when it is shaped as this schema's writer writes it; null otherwise, and then
    /// <see cref="Deserialize(ReadOnlySpan{byte})"/> reads it (and names what is wrong). The fleet
    /// report reads thousands of documents this way (StatusJsonReader says why).
    /// </summary>
    public static (HostStatus Status, Range Verdict)? TryReadAsWritten(ReadOnlySpan<byte> utf8) => StatusJsonReader.TryRead(utf8);

    /// <summary>What System.Text.Json writes for the same document; a test holds it equal to <see cref="Serialize(HostStatus)"/>.</summary>
    internal static string SerializeWithContext(HostStatus status) =>
        JsonSerializer.Serialize(status, new StatusJsonContext(new JsonSerializerOptions(StatusJsonContext.Default.Options) { Encoder = JsonConvention.Encoder }).HostStatus);
}
