using System.Text;
using System.Text.Json;
using KpatchScript.Operations;
namespace KpatchScript.Serialization;

/// <summary>JSON of install, update, auto-update and available (schema: operation-result.schema.json, available.schema.json).</summary>
public static class OperationJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = StatusJsonWriter.Encoder };

    public static string Write(OperationResult result) => Write(w =>
    {
        w.WriteNumber("schema_version", 1);
        w.WriteString("operation", result.Operation);
        w.WriteString("target", result.Target);
        w.WriteString("outcome", result.Outcome switch { OperationOutcome.Planned => "planned", OperationOutcome.Succeeded => "succeeded", _ => "failed" });
        CommandJson.WriteArgumentVectors(w, "commands", result.Commands);
        if (result.Error is null)
        {
            w.WriteNull("error");
        }
        else
        {
            w.WriteString("error", result.Error);
        }

        w.WriteNumber("duration_ms", Math.Round(result.Duration.TotalMilliseconds));
    });

    public static string Write(IReadOnlyList<AvailablePatch> patches) => Write(w =>
    {
        w.WriteNumber("schema_version", 1);
        w.WriteStartArray("available");
        foreach (var patch in patches)
        {
            WriteAvailable(w, patch);
        }

        w.WriteEndArray();
    });

    /// <summary>One available patch as a JSON object (shared with the status document's coverage).</summary>
    internal static void WriteAvailable(Utf8JsonWriter w, AvailablePatch patch)
    {
        w.WriteStartObject();
        w.WriteString("name", patch.Name);
        w.WriteString("version", patch.Version);
        w.WriteString("release", patch.Release);
        w.WriteString("arch", patch.Arch);
        w.WriteString("kernel_release", patch.KernelRelease);
        w.WriteBoolean("for_running_kernel", patch.ForRunningKernel);
        if (patch.InstalledVersion is null)
        {
            w.WriteNull("installed_version");
        }
        else
        {
            w.WriteString("installed_version", patch.InstalledVersion);
        }

        Strings(w, "cves", patch.Cves);
        Strings(w, "new_cves", patch.NewCves);
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
