using System.Text.Json.Nodes;
using KpatchScript.Alerts;
using KpatchScript.Serialization;

namespace KpatchScript.Reporting.Alerts;

/// <summary>Alerts as the report model, the alert templates and <c>alerts --json</c> carry them.</summary>
public static class AlertJson
{
    public static JsonObject Write(Alert alert) => new()
    {
        ["rule"] = alert.Rule,
        ["key"] = alert.Key,
        ["severity"] = Word(alert.Severity),
        ["state"] = alert.State == AlertState.Firing ? "firing" : "resolved",
        ["host"] = alert.Host,
        ["target"] = alert.Target,
        ["summary"] = alert.Summary,
        ["detail"] = alert.Detail,
        ["since"] = JsonConvention.Time(alert.Since),
        ["time"] = JsonConvention.Time(alert.Time),
    };

    public static JsonArray Write(IEnumerable<Alert> alerts) => ModelJson.Array(alerts, Write);

    public static JsonArray Write(IEnumerable<UndeterminedRule> rules) =>
        ModelJson.Array(rules, u => new JsonObject { ["rule"] = u.Rule, ["reason"] = u.Reason });

    public static string Word(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Info => "info",
        AlertSeverity.Warning => "warning",
        _ => "critical",
    };

    public static AlertSeverity? Severity(string word) => word switch
    {
        "info" => AlertSeverity.Info,
        "warning" => AlertSeverity.Warning,
        "critical" => AlertSeverity.Critical,
        _ => null,
    };
}
