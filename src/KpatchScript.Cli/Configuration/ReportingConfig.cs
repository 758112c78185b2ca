using System.Text.Json;
using KpatchScript.Host;
using KpatchScript.Reporting.Alerts;

namespace KpatchScript.Cli.Configuration;

/// <summary>
/// The reporting keys of the configuration file: <c>templates_directory</c> and the <c>alerts</c>
/// object (<c>renotify_hours</c>, <c>expect_livepatch</c>, <c>stdout</c>, <c>file</c> {<c>path</c>,
/// <c>format</c>}, <c>rules</c> {&lt;rule&gt;: {<c>enabled</c>, <c>severity</c>, <c>days</c>,
/// <c>minutes</c>}}). <see cref="ConfigFile"/> checks them with every command (a wrong value is an
/// error whatever runs); report and alerts read them with <see cref="Load"/>.
/// </summary>
internal sealed record ReportingConfig(string? TemplatesDirectory, AlertSettings Alerts)
{
    public static ReportingConfig Load(string path)
    {
        var config = new ReportingConfig(null, new AlertSettings());
        if (!ConfigDocument.Exists(path))
        {
            return config;
        }

        using var document = ConfigDocument.Read(path);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, "the file must hold one JSON object");
        }

        foreach (var property in document.RootElement.EnumerateObject())
        {
            config = Apply(path, property, config);
        }

        return config;
    }

    /// <summary>
    /// Checks a reporting key where <see cref="ConfigFile"/> meets it. The verdict shares the
    /// support-window-ending rule's <c>days</c>, so that every surface warns from the same day.
    /// </summary>
    public static Status.KpatchSettings Check(string path, JsonProperty property, Status.KpatchSettings settings)
    {
        var checkedConfig = Apply(path, property, new ReportingConfig(null, new AlertSettings()));
        return property.Name == "alerts"
            ? settings with { Verdict = settings.Verdict with { SupportWindowWarningDays = checkedConfig.Alerts.SupportWindowWarningDays } }
            : settings;
    }

    private static ReportingConfig Apply(string path, JsonProperty property, ReportingConfig config) => property.Name switch
    {
        "templates_directory" => config with { TemplatesDirectory = Text(path, "templates_directory", property.Value) },
        "alerts" => config with { Alerts = ReadAlerts(path, property.Value) },
        _ => config,
    };

    private static AlertSettings ReadAlerts(string path, JsonElement alerts)
    {
        var settings = new AlertSettings();
        foreach (var p in Members(path, "alerts", alerts))
        {
            var key = $"alerts.{p.Name}";
            settings = p.Name switch
            {
                "renotify_hours" => settings with { Renotify = TimeSpan.FromHours(Whole(path, key, p.Value)) },
                "expect_livepatch" => settings with { ExpectLivepatch = Bool(path, key, p.Value) },
                "stdout" => settings with { Stdout = Bool(path, key, p.Value) },
                "file" => ReadFile(path, p.Value, settings),
                "rules" => settings with { Rules = Rules(path, p.Value) },
                _ => throw Invalid(path, $"unknown key '{key}' (known: alerts.renotify_hours, alerts.expect_livepatch, alerts.stdout, alerts.file, alerts.rules)"),
            };
        }

        return settings;
    }

    private static AlertSettings ReadFile(string path, JsonElement file, AlertSettings settings)
    {
        foreach (var p in Members(path, "alerts.file", file))
        {
            settings = p.Name switch
            {
                "path" => settings with { FilePath = Text(path, "alerts.file.path", p.Value) },
                "format" => settings with { FileFormat = Format(path, p.Value) },
                _ => throw Invalid(path, $"unknown key 'alerts.file.{p.Name}' (known: path, format)"),
            };
        }

        return settings.FilePath is null ? throw Invalid(path, "alerts.file needs a \"path\"") : settings;
    }

    private static string Format(string path, JsonElement value) =>
        Text(path, "alerts.file.format", value) is var format && format is "json" or "txt"
            ? format
            : throw Invalid(path, $"alerts.file.format must be \"json\" or \"txt\", not {value.GetRawText()}");

    private static Dictionary<string, AlertRuleSettings> Rules(string path, JsonElement rules)
    {
        var result = new Dictionary<string, AlertRuleSettings>(AlertRuleIds.Defaults, StringComparer.Ordinal);
        foreach (var rule in Members(path, "alerts.rules", rules))
        {
            if (!result.TryGetValue(rule.Name, out var settings))
            {
                throw Invalid(path, $"unknown alert rule 'alerts.rules.{rule.Name}' (known: {string.Join(", ", AlertRuleIds.Defaults.Keys)})");
            }

            foreach (var p in Members(path, $"alerts.rules.{rule.Name}", rule.Value))
            {
                var key = $"alerts.rules.{rule.Name}.{p.Name}";
                settings = p.Name switch
                {
                    "enabled" => settings with { Enabled = Bool(path, key, p.Value) },
                    "severity" => settings with { Severity = AlertJson.Severity(Text(path, key, p.Value)) ?? throw Invalid(path, $"{key} must be \"info\", \"warning\" or \"critical\", not {p.Value.GetRawText()}") },
                    "days" when rule.Name == AlertRuleIds.SupportWindowEnding => settings with { Days = Whole(path, key, p.Value) },
                    "minutes" when rule.Name == AlertRuleIds.TransitionStalled => settings with { Minutes = Whole(path, key, p.Value) },
                    _ => throw Invalid(path, $"unknown key '{key}' (known: enabled, severity{(rule.Name == AlertRuleIds.SupportWindowEnding ? ", days" : rule.Name == AlertRuleIds.TransitionStalled ? ", minutes" : "")})"),
                };
            }

            result[rule.Name] = settings;
        }

        return result;
    }

    private static JsonElement.ObjectEnumerator Members(string path, string key, JsonElement value) =>
        value.ValueKind == JsonValueKind.Object ? value.EnumerateObject() : throw Invalid(path, $"{key} must be an object, not {value.GetRawText()}");

    private static string Text(string path, string key, JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : throw Invalid(path, $"{key} must be a non-empty string, not {value.GetRawText()}");

    private static bool Bool(string path, string key, JsonElement value) =>
        value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw Invalid(path, $"{key} must be true or false, not {value.GetRawText()}");

    private static int Whole(string path, string key, JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 0 ? n : throw Invalid(path, $"{key} must be a non-negative whole number, not {value.GetRawText()}");

    private static HostSystemException Invalid(string path, string what) => new($"configuration {path}: {what}");
}
