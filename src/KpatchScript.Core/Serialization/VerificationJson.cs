using KpatchScript.Verification;

namespace KpatchScript.Serialization;

/// <summary>JSON of <c>verify --json</c> (schema: Verification/verification.schema.json, version 2: the verdict object, and the checks' worst <c>result</c>).</summary>
public static class VerificationJson
{
    public const int SchemaVersion = 2;

    public static string Write(VerificationReport report)
    {
        var w = new JsonTextBuilder();
        {
            w.WriteStartObject();
            w.WriteNumber("schema_version", SchemaVersion);
            w.WriteString("target", report.Target);
            VerdictJson.Write(w, "verdict", report.Verdict);
            w.WriteString("result", Word(report.Result));
            w.WriteStartArray("checks");
            foreach (var check in report.Checks)
            {
                w.WriteStartObject();
                w.WriteString("name", check.Name);
                w.WriteString("result", Word(check.Result));
                w.WriteString("detail", check.Detail);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (report.Unanswered.Count > 0)
            {
                // Only when the verification is incomplete: every document before it stays byte for byte.
                w.WriteStartArray("unanswered");
                foreach (var name in report.Unanswered)
                {
                    w.WriteStringValue(name);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return w.ToString();
    }

    public static string Word(CheckResult result) => result switch
    {
        CheckResult.Pass => "pass",
        CheckResult.Warn => "warn",
        CheckResult.Fail => "fail",
        _ => "skip",
    };
}
