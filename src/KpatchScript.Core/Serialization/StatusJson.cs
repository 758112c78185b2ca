using System.Text.Json;
using KpatchScript.Status;

namespace KpatchScript.Serialization;

/// <summary>The status document's JSON form (schema: Abstractions/Status/host-status.schema.json, version 1).</summary>
public static class StatusJson
{
    /// <summary>Writes the document (indented, UTF-8 text) on the fast start-up path.</summary>
    public static string Serialize(HostStatus status) => StatusJsonWriter.Write(status);

    /// <summary>Reads a document written by any version-1 writer (fleet reports, tests).</summary>
    public static HostStatus? Deserialize(string json) => JsonSerializer.Deserialize(json, StatusJsonContext.Default.HostStatus);

    /// <summary>What System.Text.Json writes for the same document; a test holds it equal to <see cref="Serialize"/>.</summary>
    internal static string SerializeWithContext(HostStatus status) =>
        JsonSerializer.Serialize(status, new StatusJsonContext(new JsonSerializerOptions(StatusJsonContext.Default.Options) { Encoder = StatusJsonWriter.Encoder }).HostStatus);
}
