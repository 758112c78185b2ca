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
        w.WriteString("outcome", OutcomeName(result.Outcome));
        CommandJson.WriteArgumentVectors(w, "commands", result.Commands);
        if (result.Plan.Count > 0)
        {
            w.WritePropertyName("plan");
            StatusJsonWriter.Array(w, result.Plan, w.WriteStringValue);
        }

        w.WriteString("error", result.Error);
        if (result.Detail is { } detail)
        {
            w.WriteString("detail", detail);
        }

        w.WriteNumber("duration_ms", (long)Math.Round(result.Duration.TotalMilliseconds));
        w.WriteEndObject();
        return w.ToString();
    }

    /// <summary>An outcome as the documents name it: planned, succeeded, unchanged or failed.</summary>
    public static string OutcomeName(OperationOutcome outcome) =>
        outcome switch { OperationOutcome.Planned => "planned", OperationOutcome.Succeeded => "succeeded", OperationOutcome.Unchanged => "unchanged", _ => "failed" };

    /// <summary>
    /// One progress line of <c>--json --progress</c>, written before the result document:
    /// <c>{"progress":"LINE"}</c>, compact, so a line break or any control character in LINE is an
    /// escape and the line is always exactly one line. The result document is indented: its first
    /// line is <c>{</c> alone, so no line of it starts with <c>{"progress":</c>.
    /// </summary>
    public static string Progress(string line)
    {
        var w = new JsonTextBuilder(indented: false, capacity: line.Length + 16);
        w.WriteStartObject();
        w.WriteString("progress", line);
        w.WriteEndObject();
        return w.ToString();
    }

    /// <summary><c>available --json</c>, version 2: the list, or <c>{"unknown": reason}</c> when the repositories could not tell.</summary>
    /// <param name="patches">The newer live patches.</param>
    /// <param name="eligibility">Whether the kernel gets live patches at all; left out when not asked.</param>
    public static string Write(Status.Reading<IReadOnlyList<AvailablePatch>> patches, Status.Reading<Status.KernelEligibility>? eligibility = null)
    {
        var w = new JsonTextBuilder();
        w.WriteStartObject();
        w.WriteNumber("schema_version", 2);
        StatusJsonWriter.Reading(w, "available", patches, list => StatusJsonWriter.Array(w, list, p => StatusJsonWriter.Available(w, p)));
        if (eligibility is not null)
        {
            StatusJsonWriter.Reading(w, "eligibility", eligibility, e => StatusJsonWriter.Eligibility(w, e));
        }

        w.WriteEndObject();
        return w.ToString();
    }
}
