namespace KpatchScript.Reporting.Alerts;

/// <summary>The alert state file cannot be read or written; the message names it and says what to do.</summary>
public sealed class AlertStateException(string message) : Exception(message);
