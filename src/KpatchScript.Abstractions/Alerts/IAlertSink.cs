namespace KpatchScript.Alerts;

/// <summary>
/// Delivers alerts somewhere: stdout and a file are built in; plugins add more (webhook, mail,
/// a Prometheus textfile). Called once per evaluation that is not a dry run, also when
/// <see cref="AlertBatch.Notifications"/> is empty, so that exporters can refresh what they
/// publish; a sink that only sends notifications returns at once when there are none.
/// </summary>
public interface IAlertSink
{
    /// <summary>A short stable name for messages and configuration, e.g. <c>webhook</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Delivers <paramref name="batch"/>. Throwing reports this sink as failed (naming it) without
    /// stopping the other sinks; the host may give up waiting when <paramref name="cancellationToken"/> fires.
    /// </summary>
    Task DeliverAsync(AlertBatch batch, CancellationToken cancellationToken);
}
