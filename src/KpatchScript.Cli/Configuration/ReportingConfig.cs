using KpatchScript.Reporting.Alerts;

namespace KpatchScript.Cli.Configuration;

/// <summary>
/// The reporting keys of the configuration file: <c>templates_directory</c> and the <c>alerts</c>
/// object (<c>renotify_hours</c>, <c>expect_livepatch</c>, <c>stdout</c>, <c>file</c> {<c>path</c>,
/// <c>format</c>}, <c>rules</c> {&lt;rule&gt;: {<c>enabled</c>, <c>severity</c>, <c>days</c>,
/// <c>minutes</c>}}). Checked with every command (a wrong value is an error whatever runs); report
/// and alerts read them from <see cref="SiteConfig.Reporting"/>.
/// </summary>
internal sealed record ReportingConfig(string? TemplatesDirectory, AlertSettings Alerts)
{
    public static ReportingConfig None { get; } = new(null, new AlertSettings());

    public static AlertSettings ReadAlerts(ConfigValue alerts)
    {
        var settings = new AlertSettings();
        foreach (var p in alerts.Members())
        {
            settings = p.Name switch
            {
                "renotify_hours" => settings with { Renotify = TimeSpan.FromHours(p.WholeNumber(allowZero: true)) },
                "expect_livepatch" => settings with { ExpectLivepatch = p.Boolean() },
                "stdout" => settings with { Stdout = p.Boolean() },
                "file" => ReadFile(p, settings),
                "rules" => settings with { Rules = Rules(p) },
                _ => throw p.Invalid($"unknown key '{p.Key}' (known: alerts.renotify_hours, alerts.expect_livepatch, alerts.stdout, alerts.file, alerts.rules)"),
            };
        }

        return settings;
    }

    private static AlertSettings ReadFile(ConfigValue file, AlertSettings settings)
    {
        foreach (var p in file.Members())
        {
            settings = p.Name switch
            {
                "path" => settings with { FilePath = p.Text() },
                "format" => settings with { FileFormat = p.OneOf("\"json\" or \"txt\"", "json", "txt") },
                _ => throw p.Invalid($"unknown key '{p.Key}' (known: path, format)"),
            };
        }

        return settings.FilePath is null ? throw file.Invalid("alerts.file needs a \"path\"") : settings;
    }

    private static Dictionary<string, AlertRuleSettings> Rules(ConfigValue rules)
    {
        var result = new Dictionary<string, AlertRuleSettings>(AlertRuleIds.Defaults, StringComparer.Ordinal);
        foreach (var rule in rules.Members())
        {
            if (!result.TryGetValue(rule.Name, out var settings))
            {
                throw rule.Invalid($"unknown alert rule '{rule.Key}' (known: {string.Join(", ", AlertRuleIds.Defaults.Keys)})");
            }

            foreach (var p in rule.Members())
            {
                settings = p.Name switch
                {
                    "enabled" => settings with { Enabled = p.Boolean() },
                    "severity" => settings with { Severity = AlertJson.Severity(p.Text()) ?? throw p.Invalid($"{p.Key} must be \"info\", \"warning\" or \"critical\", not {p.Value.GetRawText()}") },
                    "days" when rule.Name == AlertRuleIds.SupportWindowEnding => settings with { Days = p.WholeNumber(allowZero: true) },
                    "minutes" when rule.Name == AlertRuleIds.TransitionStalled => settings with { Minutes = p.WholeNumber(allowZero: true) },
                    _ => throw p.Invalid($"unknown key '{p.Key}' (known: enabled, severity{(rule.Name == AlertRuleIds.SupportWindowEnding ? ", days" : rule.Name == AlertRuleIds.TransitionStalled ? ", minutes" : "")})"),
                };
            }

            result[rule.Name] = settings;
        }

        return result;
    }
}
