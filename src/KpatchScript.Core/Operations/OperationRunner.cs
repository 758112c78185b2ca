using System.Diagnostics;
using KpatchScript.Host;

namespace KpatchScript.Operations;

/// <summary>
/// Runs the commands of a mutating operation: a dry run lists them and touches nothing; a real
/// run refuses read-only targets, takes the host lock, journals the start, runs each command and
/// journals the end, whatever the end is. The lock is released on every path.
/// </summary>
internal sealed class OperationRunner(IHostSystem host, TimeProvider time, TimeSpan lockWait)
{
    public OperationResult Run(OperationRecord record, bool dryRun, Func<CommandResult, string?> failureOf, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        if (dryRun)
        {
            return new OperationResult(record.Operation, record.Target, OperationOutcome.Planned, record.Commands, null, stopwatch.Elapsed);
        }

        if (host.IsReadOnly)
        {
            return Failed(record, $"target {host.Name} is read-only: {record.Operation} changes the host; use --dry-run to see the commands", stopwatch);
        }

        var paths = OperationPaths.For(record.InstallRoot);
        var journal = new AuditJournal(paths.JournalFile, time);
        var id = Guid.NewGuid().ToString("N");
        HostLock hostLock;
        try
        {
            hostLock = HostLock.Acquire(paths.LockFile, lockWait, time, cancellationToken);
        }
        catch (HostSystemException ex) // HostLock turns every file-system failure into one of these
        {
            return Failed(record, ex.Message, stopwatch);
        }

        using (hostLock)
        {
            try
            {
                journal.Started(id, record);
            }
            catch (HostSystemException ex)
            {
                return Failed(record, ex.Message, stopwatch);
            }

            string? error = null;
            var outcome = "succeeded";
            try
            {
                foreach (var command in record.Commands)
                {
                    // A running dnf transaction is never killed: a cancellation (SIGINT, SIGTERM)
                    // lets the current command finish and stops before the next one.
                    var result = host.Run(command, CancellationToken.None);
                    error = failureOf(result);
                    if (cancellationToken.IsCancellationRequested)
                    {
                        outcome = "interrupted";
                        error = $"{record.Operation} was interrupted by a signal; '{command}' exited {result.ExitCode}; check the result with 'kpatch-script status'";
                        break;
                    }

                    if (error is not null)
                    {
                        outcome = "failed";
                        break;
                    }
                }
            }
            catch (HostSystemException ex)
            {
                outcome = "failed";
                error = ex.Message;
            }

            // The end record reaches the disk before the caller hears the outcome.
            journal.Ended(id, record, outcome, error, stopwatch.Elapsed);
            return error is null
                ? new OperationResult(record.Operation, record.Target, OperationOutcome.Succeeded, record.Commands, null, stopwatch.Elapsed)
                : Failed(record, error, stopwatch);
        }
    }

    private static OperationResult Failed(OperationRecord record, string error, Stopwatch stopwatch) =>
        new(record.Operation, record.Target, OperationOutcome.Failed, record.Commands, error, stopwatch.Elapsed);
}
