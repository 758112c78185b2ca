using System.Text.Json;
using KpatchScript.Host;
using KpatchScript.Status;

namespace KpatchScript.Cli.Configuration;

/// <summary>
/// <c>/etc/kpatch-script/config.json</c> (or <c>$KPATCH_SCRIPT_CONFIG</c>): optional; a missing
/// file means the defaults, anything else at the path is read as <see cref="ConfigDocument"/> says.
/// <see cref="Load"/> parses and checks every key once, with every command, into the
/// <see cref="SiteConfig"/> each reader takes its section of; the keys are the rows of <see cref="Keys.Rows"/>.
/// An unknown key or a wrong value is an error, so a typo never silently keeps a default.
/// </summary>
internal static class ConfigFile
{
    public const string DefaultPath = "/etc/kpatch-script/config.json";

    public static string PathFromEnvironment() =>
        Environment.GetEnvironmentVariable("KPATCH_SCRIPT_CONFIG") is { Length: > 0 } path ? path : DefaultPath;

    /// <exception cref="HostSystemException">The file exists but is not a valid configuration.</exception>
    public static SiteConfig Load(string path)
    {
        // Parsing sits in its own method so that without a file System.Text.Json is never loaded (start-up time).
        return ConfigDocument.Exists(path) ? Parse(path) : SiteConfig.None;
    }

    internal static HostSystemException Invalid(string path, string what) => new($"configuration {path}: {what}");

    private static SiteConfig Parse(string path)
    {
        using var document = ConfigDocument.Read(path);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, "the file must hold one JSON object");
        }

        var config = SiteConfig.None;
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var row = Array.FindIndex(Keys.Rows, k => k.Key == property.Name);
            config = row >= 0
                ? Keys.Rows[row].Apply(config, new ConfigValue(path, property))
                : throw Invalid(path, $"unknown key '{property.Name}' (known: {string.Join(", ", Keys.Rows.Select(k => k.Key))})");
        }

        return config;
    }

    private static (string, Func<SiteConfig, ConfigValue, SiteConfig>) Facade(string key, Func<KpatchSettings, ConfigValue, KpatchSettings> apply) =>
        (key, (c, v) => c with { Facade = apply(c.Facade, v) });

    /// <summary>
    /// The rows in a class of their own: its 22 delegates are made when a file is parsed, not by
    /// every command that finds no file (about 1 ms of a cached script run, tests/benchmarks).
    /// </summary>
    private static class Keys
    {
        /// <summary>Every top-level key and how it sets its section, in the order the unknown-key error lists them.</summary>
        public static readonly (string Key, Func<SiteConfig, ConfigValue, SiteConfig> Apply)[] Rows =
        [
            Facade("support_window_days", (f, v) => f with { SupportWindowDays = v.WholeNumber(allowZero: false) }),
            Facade("support_window_end", (f, v) => f with { SupportWindowEnd = v.Date() }),
            Facade("support_window_file", (f, v) => f with { SupportWindowFile = v.FullPath(v.Text()) }),
            Facade("vex_directory", (f, v) => f with { VexDirectory = v.FullPath(v.Text()) }),
            Facade("cache_directory", (f, v) => f with { CacheDirectory = v.FullPath(v.Text()) }),
            Facade("lock_wait_seconds", (f, v) => f with { LockWait = TimeSpan.FromSeconds(v.WholeNumber(allowZero: true)) }),
            Facade("transition_timeout_seconds", (f, v) => f with { TransitionThreshold = TimeSpan.FromSeconds(v.WholeNumber(allowZero: true)) }),
            Facade("ssh_identity_file", (f, v) => f with { SshIdentityFile = v.Text() }),
            Facade("ssh_known_hosts_file", (f, v) => f with { SshKnownHostsFile = v.Text() }),
            Facade("ssh_strict_host_key_checking", (f, v) => f with { SshStrictHostKeyChecking = v.OneOf("\"yes\", \"accept-new\" or \"no\"", "yes", "accept-new", "no") }),
            Facade("state_directory", (f, v) => f with { StateDirectory = v.Text() }),
            ("rule_severities", (c, v) => c with { ScriptRules = ScriptRuleSettings.WithSeverities(c.ScriptRules, v) }),
            ("banned_symbols_file", (c, v) => c with { ScriptRules = ScriptRuleSettings.WithBannedSymbols(c.ScriptRules, v) }),
            ("templates_directory", (c, v) => c with { Reporting = c.Reporting with { TemplatesDirectory = v.Text() } }),
            ("alerts", Alerts),
            ("target", (c, v) => c with { Defaults = c.Defaults with { Target = CommandDefaults.TargetName(v) } }),
            ("install_root", (c, v) => c with { Defaults = c.Defaults with { InstallRoot = CommandDefaults.DirectoryPath(v) } }),
            ("workflows_directory", (c, v) => c with { Defaults = c.Defaults with { WorkflowsDirectory = CommandDefaults.DirectoryPath(v) } }),
            Facade("plugin_directories", (f, v) => f with { PluginDirectories = v.Texts() }),
            Facade("plugin_timeout_seconds", (f, v) => f with { PluginTimeout = TimeSpan.FromSeconds(v.WholeNumber(allowZero: false)) }),
            Facade("plugins", (f, v) => f with { PluginConfiguration = PluginSections(v) }),
            Facade("verdict", (f, v) => f with { Verdict = f.Verdict with { Downgrades = VerdictConfig.Downgrades(v) } }),
        ];
    }

    /// <summary>
    /// The reporting section's alerts. The verdict shares the support-window-ending rule's
    /// <c>days</c>, so that every surface warns from the same day.
    /// </summary>
    private static SiteConfig Alerts(SiteConfig config, ConfigValue value)
    {
        var alerts = ReportingConfig.ReadAlerts(value);
        return config with
        {
            Reporting = config.Reporting with { Alerts = alerts },
            Facade = config.Facade with { Verdict = config.Facade.Verdict with { SupportWindowWarningDays = alerts.SupportWindowWarningDays } },
        };
    }

    /// <summary>Each plugin's section, kept as JSON text: the plugin parses and validates its own keys.</summary>
    private static Dictionary<string, string> PluginSections(ConfigValue value) =>
        value.Value.ValueKind == JsonValueKind.Object && value.Value.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.Object)
            ? value.Value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText(), StringComparer.OrdinalIgnoreCase)
            : throw value.Invalid($"{value.Key} must be an object of one object per plugin (\"plugins\": {{\"Webhook\": {{...}}}}), not {value.Value.GetRawText()}");
}
