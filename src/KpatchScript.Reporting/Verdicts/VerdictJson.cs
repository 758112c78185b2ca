using System.Text.Json.Nodes;

namespace KpatchScript.Reporting.Verdicts;

/// <summary>The verdict object of the report models: <c>{"state", "summary", "reasons": [{"code", "level", "text"}]}</c>.</summary>
public static class VerdictJson
{
    public static JsonObject Write(Verdict verdict) => new()
    {
        ["state"] = verdict.State,
        ["summary"] = verdict.Summary,
        ["reasons"] = ModelJson.Array(verdict.Reasons, r => new JsonObject { ["code"] = r.Code, ["level"] = r.Level, ["text"] = r.Text }),
    };
}
