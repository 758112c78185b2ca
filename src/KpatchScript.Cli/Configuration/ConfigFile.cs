using System.Globalization;
using System.Text.Json;
using KpatchScript.Host;
using KpatchScript.Status;

namespace KpatchScript.Cli.Configuration;

/// <summary>
/// <c>/etc/kpatch-script/config.json</c> (or <c>$KPATCH_SCRIPT_CONFIG</c>): optional; a missing
/// file means the defaults, anything else at the path is read as <see cref="ConfigDocument"/> says. Keys: <c>support_window_days</c>, <c>support_window_end</c>
/// (yyyy-MM-dd), <c>lock_wait_seconds</c>, <c>transition_timeout_seconds</c>, <c>state_directory</c>, the ssh keys,
/// the script rules (<see cref="ScriptRuleSettings"/>), <c>plugin_directories</c>, <c>plugin_timeout_seconds</c>
/// <c>plugins</c> and <c>verdict</c> (<see cref="VerdictConfig"/>); the reporting keys <c>templates_directory</c> and <c>alerts</c> are checked here and read by
/// <see cref="ReportingConfig"/>, the option defaults <c>target</c>, <c>install_root</c> and <c>workflows_directory</c>
/// by <see cref="CommandDefaults"/>. An unknown key or a wrong value is an error, so a
/// typo never silently keeps a default.
/// </summary>
internal static class ConfigFile
{
    public const string DefaultPath = "/etc/kpatch-script/config.json";

    public static string PathFromEnvironment() =>
        Environment.GetEnvironmentVariable("KPATCH_SCRIPT_CONFIG") is { Length: > 0 } path ? path : DefaultPath;

    /// <exception cref="HostSystemException">The file exists but is not a valid configuration.</exception>
    public static KpatchSettings Load(string path)
    {
        // Parsing sits in its own method so that without a file System.Text.Json is never loaded (start-up time).
        return ConfigDocument.Exists(path) ? Parse(path) : new KpatchSettings();
    }

    private static KpatchSettings Parse(string path)
    {
        using var document = ConfigDocument.Read(path);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, "the file must hold one JSON object");
        }

        var settings = new KpatchSettings();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            settings = property.Name switch
            {
                "support_window_days" => settings with { SupportWindowDays = PositiveInteger(path, property) },
                "support_window_end" => settings with { SupportWindowEnd = Date(path, property) },
                "lock_wait_seconds" => settings with { LockWait = TimeSpan.FromSeconds(PositiveInteger(path, property, allowZero: true)) },
                "ssh_identity_file" => settings with { SshIdentityFile = Text(path, property) },
                "ssh_known_hosts_file" => settings with { SshKnownHostsFile = Text(path, property) },
                "ssh_strict_host_key_checking" => settings with { SshStrictHostKeyChecking = HostKeyChecking(path, property) },
                "state_directory" => settings with { StateDirectory = Text(path, property) },
                "transition_timeout_seconds" => settings with { TransitionThreshold = TimeSpan.FromSeconds(PositiveInteger(path, property, allowZero: true)) },
                "rule_severities" => settings with { RuleSeverities = ScriptRuleSettings.Severities(path, property) },
                "banned_symbols_file" => settings with { BannedSymbolsFile = ScriptRuleSettings.BannedSymbolsFile(path, Text(path, property)) },
                "templates_directory" or "alerts" => ReportingConfig.Check(path, property, settings),
                "target" or "install_root" or "workflows_directory" => CommandDefaults.Check(path, property, settings),
                "plugin_directories" => settings with { PluginDirectories = Texts(path, property) },
                "plugin_timeout_seconds" => settings with { PluginTimeout = TimeSpan.FromSeconds(PositiveInteger(path, property)) },
                "plugins" => settings with { PluginConfiguration = Sections(path, property) },
                "verdict" => VerdictConfig.Apply(path, property, settings),
                _ => throw Invalid(path, $"unknown key '{property.Name}' (known: support_window_days, support_window_end, lock_wait_seconds, transition_timeout_seconds, ssh_identity_file, ssh_known_hosts_file, ssh_strict_host_key_checking, state_directory, rule_severities, banned_symbols_file, templates_directory, alerts, target, install_root, workflows_directory, plugin_directories, plugin_timeout_seconds, plugins, verdict)"),
            };
        }

        return settings;
    }

    private static int PositiveInteger(string path, JsonProperty property, bool allowZero = false) =>
        property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var n) && (n > 0 || (allowZero && n == 0))
            ? n
            : throw Invalid(path, $"{property.Name} must be a {(allowZero ? "non-negative" : "positive")} whole number, not {property.Value.GetRawText()}");

    internal static string Text(string path, JsonProperty property) =>
        property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 } text
            ? text
            : throw Invalid(path, $"{property.Name} must be a non-empty string, not {property.Value.GetRawText()}");

    private static List<string> Texts(string path, JsonProperty property) =>
        property.Value.ValueKind == JsonValueKind.Array && property.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 })
            ? property.Value.EnumerateArray().Select(e => e.GetString()!).ToList()
            : throw Invalid(path, $"{property.Name} must be an array of non-empty strings, not {property.Value.GetRawText()}");

    /// <summary>Each plugin's section, kept as JSON text: the plugin parses and validates its own keys.</summary>
    private static Dictionary<string, string> Sections(string path, JsonProperty property) =>
        property.Value.ValueKind == JsonValueKind.Object && property.Value.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.Object)
            ? property.Value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText(), StringComparer.OrdinalIgnoreCase)
            : throw Invalid(path, $"{property.Name} must be an object of one object per plugin (\"plugins\": {{\"Webhook\": {{...}}}}), not {property.Value.GetRawText()}");

    private static string HostKeyChecking(string path, JsonProperty property) =>
        Text(path, property) is var value && value is "yes" or "accept-new" or "no"
            ? value
            : throw Invalid(path, $"{property.Name} must be \"yes\", \"accept-new\" or \"no\", not {property.Value.GetRawText()}");

    private static DateOnly Date(string path, JsonProperty property) =>
        property.Value.ValueKind == JsonValueKind.String
        && DateOnly.TryParseExact(property.Value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Invalid(path, $"{property.Name} must be a date like \"2026-06-30\", not {property.Value.GetRawText()}");

    internal static HostSystemException Invalid(string path, string what) => new($"configuration {path}: {what}");
}
