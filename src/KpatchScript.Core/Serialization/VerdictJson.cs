using System.Text.Json;
using KpatchScript.Verdicts;

namespace KpatchScript.Serialization;

/// <summary>
/// The verdict object every document carries the same way (<c>status --json</c>, <c>verify --json</c>,
/// reports, alerts): <c>{"state", "summary", "reasons": [{"code", "level", "text"}]}</c>.
/// </summary>
public static class VerdictJson
{
    /// <summary>The verdict as a JSON document of its own (indented).</summary>
    public static string Write(Verdict verdict)
    {
        // A verdict is a few hundred characters; the builder's default is sized for a status document.
        var w = new JsonTextBuilder(capacity: 1024);
        WriteValue(w, verdict);
        return w.ToString();
    }

    internal static void Write(JsonTextBuilder w, string name, Verdict verdict)
    {
        w.WritePropertyName(name);
        WriteValue(w, verdict);
    }

    private static void WriteValue(JsonTextBuilder w, Verdict verdict)
    {
        w.WriteStartObject();
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

    /// <summary>Reads a verdict object (of a collected status document).</summary>
    /// <exception cref="FormatException">Not a verdict object; the message says what is wrong.</exception>
    public static Verdict Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("\"verdict\" is not an object");
        }

        var state = VerdictWords.StateOf(Text(element, "state")) ?? throw new FormatException($"\"verdict.state\" is '{Text(element, "state")}', not covered / action needed / not covered");
        if (!element.TryGetProperty("reasons", out var reasons) || reasons.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("\"verdict.reasons\" is not an array");
        }

        var read = new List<VerdictReason>();
        foreach (var reason in reasons.EnumerateArray())
        {
            var level = VerdictWords.LevelOf(Text(reason, "level")) ?? throw new FormatException($"a reason's level is '{Text(reason, "level")}', not note / action needed / not covered");
            read.Add(new VerdictReason(Text(reason, "code"), level, Text(reason, "text")));
        }

        // A document cannot claim a better state than its own reasons make.
        var worst = read.Count == 0 ? VerdictState.Covered : VerdictJudge.StateOf(read.Max(r => r.Level));
        if (state != worst)
        {
            throw new FormatException($"\"verdict.state\" is '{VerdictWords.Of(state)}' but its reasons make it '{VerdictWords.Of(worst)}'");
        }

        return new Verdict(state, Text(element, "summary"), read);
    }

    private static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"a verdict has no string \"{name}\"");
}
