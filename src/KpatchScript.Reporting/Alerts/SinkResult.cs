namespace KpatchScript.Reporting.Alerts;

/// <summary>What one sink did with a batch: <c>delivered</c>, <c>failed</c> (with the error) or <c>skipped</c> (with why).</summary>
public sealed record SinkResult(string Sink, string Result, string? Error);
