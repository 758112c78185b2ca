using KpatchScript.Alerts;

namespace KpatchScript.Reporting.Alerts;

/// <summary>One alert rule's configuration (<c>alerts.rules.&lt;id&gt;</c> in the configuration file).</summary>
/// <param name="Enabled">Off: the rule is not evaluated (and what it raised before resolves).</param>
/// <param name="Severity">How urgent its alerts are.</param>
public sealed record AlertRuleSettings(bool Enabled, AlertSeverity Severity)
{
    /// <summary><c>days</c>: for <c>support-window-ending</c>, how close the end must be.</summary>
    public int? Days { get; init; }

    /// <summary><c>minutes</c>: for <c>transition-stalled</c>, how long a transition must have been seen before it counts as stalled.</summary>
    public int? Minutes { get; init; }
}

/// <summary>The <c>alerts</c> object of the configuration file: rules, re-notification, expectations and the built-in sinks.</summary>
public sealed record AlertSettings
{
    /// <summary>The rules and their defaults; configuration overrides them one by one.</summary>
    public IReadOnlyDictionary<string, AlertRuleSettings> Rules { get; init; } = AlertRuleIds.Defaults;

    /// <summary>A problem still present is notified again after this long; zero never re-notifies (<c>renotify_hours</c>, 24).</summary>
    public TimeSpan Renotify { get; init; } = TimeSpan.FromHours(24);

    /// <summary>This host is expected to support live patching (<c>expect_livepatch</c>, true): otherwise <c>livepatch-unsupported</c> stays quiet.</summary>
    public bool ExpectLivepatch { get; init; } = true;

    /// <summary>The built-in stdout sink prints notifications (the <c>alert.txt</c> rendering); <c>stdout</c>, true.</summary>
    public bool Stdout { get; init; } = true;

    /// <summary>The built-in file sink's file (<c>file.path</c>); null: no file sink.</summary>
    public string? FilePath { get; init; }

    /// <summary>What the file sink writes: <c>json</c> (the <c>alert.json</c> rendering, default) or <c>txt</c> (<c>alert.txt</c>).</summary>
    public string FileFormat { get; init; } = "json";

    /// <summary>The settings of <paramref name="rule"/>.</summary>
    public AlertRuleSettings Rule(string rule) => Rules.TryGetValue(rule, out var settings) ? settings : AlertRuleIds.Defaults[rule];

    /// <summary>The <c>days</c> of <c>support-window-ending</c>: the verdict uses the same threshold.</summary>
    public int SupportWindowWarningDays => Rule(AlertRuleIds.SupportWindowEnding).Days ?? 30;

    /// <summary>How long a problem of <paramref name="rule"/> must last before it fires (only <c>transition-stalled</c> has one).</summary>
    public TimeSpan HoldFor(string rule) => TimeSpan.FromMinutes(Rule(rule).Minutes ?? 0);
}
