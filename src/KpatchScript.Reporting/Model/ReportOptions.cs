using KpatchScript.Reporting.Alerts;

namespace KpatchScript.Reporting;

/// <summary>What a host report is built with besides the host's data.</summary>
public sealed record ReportOptions
{
    /// <summary>The alert rules (the report lists the problems they find).</summary>
    public AlertSettings Alerts { get; init; } = new();

    /// <summary>The alert state of earlier <c>alerts</c> runs, read only: when each problem was first seen.</summary>
    public IReadOnlyList<AlertStateEntry> AlertState { get; init; } = [];

    /// <summary>How many journal operations the report carries, newest first.</summary>
    public int JournalLimit { get; init; } = 10;
}
