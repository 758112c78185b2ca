using KpatchScript.Operations;

namespace KpatchScript.Serialization;

/// <summary>JSON of install, update, auto-update, load, unload and available (schemas: Operations/operation-result.schema.json, Operations/available.schema.json).</summary>
public static class OperationJson
{
    public static string Write(OperationResult result)
    {
        var w = new JsonTextBuilder();
        w.WriteStartObject();
        w.WriteNumber("schema_version", 1);
        w.WriteString("operation", result.Operation);
        w.WriteString("target", result.Target);
        w.WriteString("outcome", result.Outcome switch { OperationOutcome.Planned => "planned", OperationOutcome.Succeeded => "succeeded", _ => "failed" });
        CommandJson.WriteArgumentVectors(w, "commands", result.Commands);
        if (result.Plan.Count > 0)
        {
            w.WritePropertyName("plan");
            StatusJsonWriter.Array(w, result.Plan, w.WriteStringValue);
        }

        w.WriteString("error", result.Error);
        w.WriteNumber("duration_ms", (long)Math.Round(result.Duration.TotalMilliseconds));
        w.WriteEndObject();
        return w.ToString();
    }

    public static string Write(IReadOnlyList<AvailablePatch> patches)
    {
        var w = new JsonTextBuilder();
        w.WriteStartObject();
        w.WriteNumber("schema_version", 1);
        w.WritePropertyName("available");
        StatusJsonWriter.Array(w, patches, p => StatusJsonWriter.Available(w, p));
        w.WriteEndObject();
        return w.ToString();
    }
}
