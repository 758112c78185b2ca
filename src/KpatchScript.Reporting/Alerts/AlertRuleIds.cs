using KpatchScript.Alerts;

namespace KpatchScript.Reporting.Alerts;

/// <summary>The alert rules by id, with their default settings.</summary>
public static class AlertRuleIds
{
    public const string PatchAvailable = "patch-available";
    public const string InstalledNotLoaded = "installed-not-loaded";
    public const string TransitionStalled = "transition-stalled";
    public const string VerificationFailed = "verification-failed";
    public const string KernelNotCovered = "kernel-not-covered";
    public const string SupportWindowEnding = "support-window-ending";
    public const string RebootRecommended = "reboot-recommended";
    public const string LivepatchUnsupported = "livepatch-unsupported";

    /// <summary>Every rule, enabled, with its default severity and thresholds.</summary>
    public static IReadOnlyDictionary<string, AlertRuleSettings> Defaults { get; } = new Dictionary<string, AlertRuleSettings>(StringComparer.Ordinal)
    {
        [PatchAvailable] = new(true, AlertSeverity.Warning),
        [InstalledNotLoaded] = new(true, AlertSeverity.Critical),
        [TransitionStalled] = new(true, AlertSeverity.Critical) { Minutes = 10 },
        [VerificationFailed] = new(true, AlertSeverity.Critical),
        [KernelNotCovered] = new(true, AlertSeverity.Critical),
        [SupportWindowEnding] = new(true, AlertSeverity.Warning) { Days = 30 },
        [RebootRecommended] = new(true, AlertSeverity.Info),
        [LivepatchUnsupported] = new(true, AlertSeverity.Critical),
    };
}
