using System.Text.Json;
using KpatchScript.Status;

namespace KpatchScript.Serialization;

/// <summary>The status document's JSON form (schema: Abstractions/Status/host-status.schema.json).</summary>
public static class StatusJson
{
    public static string Serialize(HostStatus status) => JsonSerializer.Serialize(status, StatusJsonContext.Default.HostStatus);

    public static HostStatus? Deserialize(string json) => JsonSerializer.Deserialize(json, StatusJsonContext.Default.HostStatus);
}
