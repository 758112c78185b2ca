using KpatchScript.Alerts;

namespace KpatchScript.Reporting.Alerts;

/// <summary>What the state file remembers of one problem between runs.</summary>
/// <param name="Key">The problem's key (rule and subject).</param>
/// <param name="Rule">Its rule.</param>
/// <param name="Severity">The severity it was last notified with.</param>
/// <param name="Host">The host name.</param>
/// <param name="Target">The target evaluated (entries of other targets are left alone).</param>
/// <param name="Summary">Its last summary, for the resolution notice.</param>
/// <param name="FirstSeen">When it was first seen.</param>
/// <param name="LastNotified">When it was last notified; null while it is pending (within its rule's hold time).</param>
public sealed record AlertStateEntry(
    string Key, string Rule, AlertSeverity Severity, string Host, string Target, string Summary, DateTimeOffset FirstSeen, DateTimeOffset? LastNotified);
