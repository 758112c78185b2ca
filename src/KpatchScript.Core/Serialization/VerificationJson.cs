using System.Text;
using System.Text.Json;
using KpatchScript.Verification;

namespace KpatchScript.Serialization;

/// <summary>JSON of <c>verify --json</c> (schema: Verification/verification.schema.json, version 1).</summary>
public static class VerificationJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = StatusJsonWriter.Encoder };

    public static string Write(VerificationReport report)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteNumber("schema_version", 1);
            w.WriteString("target", report.Target);
            w.WriteString("verdict", Word(report.Verdict));
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
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    public static string Word(CheckResult result) => result switch
    {
        CheckResult.Pass => "pass",
        CheckResult.Warn => "warn",
        CheckResult.Fail => "fail",
        _ => "skip",
    };
}
