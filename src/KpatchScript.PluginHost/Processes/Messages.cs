using System.Text.Json;
using KpatchScript.Verification;

namespace KpatchScript.PluginHosting.Processes;

/// <summary>
/// The messages of the plugin process protocol, written and read in one place. Host to plugin
/// process: <c>load</c> (once, first), <c>check</c>, <c>host_result</c>. Plugin process to host:
/// <c>loaded</c> (what it registered, or why it failed), <c>host</c> (a call on the target, for a
/// check), <c>result</c>. The end of the host's side tells the plugin process to stop.
/// </summary>
internal static class Messages
{
    public static void WritePlugin(Utf8JsonWriter w, PluginInfo info)
    {
        w.WriteStartObject("plugin");
        w.WriteString("name", info.Name);
        w.WriteString("path", info.Path);
        w.WriteString("state", info.State.ToString());
        w.WriteString("error", info.Error);
        w.WriteString("version", info.Version);
        w.WriteString("contract_version", info.ContractVersion);
        w.WriteString("description", info.Description);
        Names(w, "alert_sinks", info.AlertSinks);
        Names(w, "verification_checks", info.VerificationChecks);
        Names(w, "report_data_contributors", info.ReportDataContributors);
        Names(w, "script_apis", info.ScriptApis);
        w.WriteEndObject();
    }

    public static PluginInfo ReadPlugin(JsonElement message)
    {
        var p = message.GetProperty("plugin");
        return new PluginInfo(Text(p, "name")!, Text(p, "path")!, Enum.Parse<PluginState>(Text(p, "state")!), Text(p, "error"))
        {
            Version = Text(p, "version"),
            ContractVersion = Text(p, "contract_version"),
            Description = Text(p, "description"),
            AlertSinks = Names(p, "alert_sinks"),
            VerificationChecks = Names(p, "verification_checks"),
            ReportDataContributors = Names(p, "report_data_contributors"),
            ScriptApis = Names(p, "script_apis"),
        };
    }

    /// <summary>A check's result; <paramref name="answered"/> false when the check did not answer in time (the host then reads <see cref="CheckNotAnsweredException"/>).</summary>
    public static void WriteResult(Utf8JsonWriter w, long id, VerificationCheck check, bool answered)
    {
        w.WriteString("type", "result");
        w.WriteNumber("id", id);
        w.WriteString("result", check.Result.ToString());
        w.WriteString("detail", check.Detail);
        w.WriteBoolean("answered", answered);
    }

    public static VerificationCheck ReadResult(JsonElement message, string name) =>
        new(name, Enum.Parse<CheckResult>(Text(message, "result")!), Text(message, "detail") ?? "");

    /// <summary>Whether the check answered (false: it did not answer in time in the plugin process).</summary>
    public static bool Answered(JsonElement message) =>
        !message.TryGetProperty("answered", out var value) || value.ValueKind != JsonValueKind.False;

    public static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void Names(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static List<string> Names(JsonElement element, string name) =>
        element.GetProperty(name).EnumerateArray().Select(v => v.GetString()!).ToList();
}
