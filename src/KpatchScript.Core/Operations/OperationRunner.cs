using System.Diagnostics;
using KpatchScript.Host;

namespace KpatchScript.Operations;

/// <summary>
/// Runs the commands of a mutating operation: a dry run lists them and touches nothing; a real
/// run refuses read-only targets, takes the host lock on the target, journals the start there, runs
/// each command and journals the end, whatever the end is. The lock is released on every path.
/// </summary>
internal sealed class OperationRunner(IHostSystem host, TimeProvider time, TimeSpan lockWait, string? stateDirectory = null)
{
    public OperationResult Run(OperationRecord record, bool dryRun, Func<CommandResult, string?> failureOf, CancellationToken cancellationToken) =>
        Run(record, dryRun, (result, _) => failureOf(result) is { } error ? WorkOutcome.Failed(error) : WorkOutcome.Done, cancellationToken);

    /// <summary>
    /// Runs each command of <paramref name="record"/>; <paramref name="judge"/> reads each result (and
    /// may ask the host more): a failure stops the operation, "nothing to do" ends it as unchanged.
    /// </summary>
    public OperationResult Run(OperationRecord record, bool dryRun, Func<CommandResult, CancellationToken, WorkOutcome> judge, CancellationToken cancellationToken) =>
        Run(record, dryRun, plan: [], token =>
        {
            var outcome = WorkOutcome.Done;
            for (var step = 0; step < record.Commands.Count; step++)
            {
                // A running dnf transaction is never killed: a cancellation (SIGINT, SIGTERM)
                // lets the current command finish and stops before the next one. After the last
                // one there is nothing left to stop: the outcome is what that command did, never
                // "interrupted" for an operation that ran to its end.
                var command = record.Commands[step];
                if (token.IsCancellationRequested)
                {
                    // Stopped before this command began (while the lock was awaited, say): none of the rest runs.
                    throw new OperationInterruptedException($"{record.Operation} was interrupted by a signal before '{command}'; not run: {string.Join("; ", record.Commands.Skip(step))}; check the result with 'kpatch-script status'");
                }

                var result = host.Run(command, CancellationToken.None);
                outcome = judge(result, CancellationToken.None);
                if (outcome.Error is not null)
                {
                    return outcome;
                }

                if (token.IsCancellationRequested && step < record.Commands.Count - 1)
                {
                    throw new OperationInterruptedException($"{record.Operation} was interrupted by a signal after '{command}' (exited {result.ExitCode}); not run: {string.Join("; ", record.Commands.Skip(step + 1))}; check the result with 'kpatch-script status'");
                }
            }

            return outcome;
        }, cancellationToken);

    /// <inheritdoc cref="Run(OperationRecord, bool, IReadOnlyList{string}, Func{CancellationToken, WorkOutcome}, CancellationToken)"/>
    public OperationResult Run(OperationRecord record, bool dryRun, IReadOnlyList<string> plan, Func<CancellationToken, string?> work, CancellationToken cancellationToken) =>
        Run(record, dryRun, plan, token => work(token) is { } error ? WorkOutcome.Failed(error) : WorkOutcome.Done, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> under the lock and the journal. It returns what it came to: done,
    /// nothing to do (journaled as <c>unchanged</c>, a no-op rather than a change), or one line saying
    /// what failed; it throws <see cref="OperationInterruptedException"/> when a signal stopped it, and
    /// <see cref="HostSystemException"/> when the target failed.
    /// </summary>
    public OperationResult Run(OperationRecord record, bool dryRun, IReadOnlyList<string> plan, Func<CancellationToken, WorkOutcome> work, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        if (dryRun)
        {
            return new OperationResult(record.Operation, record.Target, OperationOutcome.Planned, record.Commands, null, stopwatch.Elapsed) { Plan = plan };
        }

        if (host.IsReadOnly)
        {
            return Failed(record, $"target {host.Name} is read-only: {record.Operation} changes the host; use --dry-run to see the commands", stopwatch) with { Plan = plan };
        }

        // The lock and the journal are on the target: two machines that change it meet there.
        var paths = OperationPaths.On(host, record.InstallRoot, stateDirectory);
        var journal = new AuditJournal(host, paths.JournalFile, time);
        var id = Guid.NewGuid().ToString("N");
        IDisposable hostLock;
        try
        {
            hostLock = HostLock.Acquire(host, paths.LockFile, lockWait, cancellationToken);
        }
        catch (HostSystemException ex) // every target turns its lock failures into one of these
        {
            return Failed(record, ex.Message, stopwatch) with { Plan = plan };
        }

        using (hostLock)
        {
            try
            {
                journal.Started(id, record);
            }
            catch (HostSystemException ex)
            {
                return Failed(record, ex.Message, stopwatch) with { Plan = plan };
            }

            string? error;
            string outcome;
            string? unchanged = null;
            try
            {
                var done = work(cancellationToken);
                (error, unchanged) = (done.Error, done.Unchanged);
                outcome = error is not null ? "failed" : unchanged is not null ? "unchanged" : "succeeded";
            }
            catch (OperationInterruptedException ex)
            {
                outcome = "interrupted";
                error = ex.Message;
            }
            catch (HostSystemException ex)
            {
                outcome = "failed";
                error = ex.Message;
            }

            // The end record reaches the disk before the caller hears the outcome.
            journal.Ended(id, record, outcome, error, stopwatch.Elapsed, unchanged);
            return (error is not null ? Failed(record, error, stopwatch)
                : unchanged is not null ? new OperationResult(record.Operation, record.Target, OperationOutcome.Unchanged, record.Commands, null, stopwatch.Elapsed) { Detail = unchanged }
                : new OperationResult(record.Operation, record.Target, OperationOutcome.Succeeded, record.Commands, null, stopwatch.Elapsed)) with { Plan = plan };
        }
    }

    private static OperationResult Failed(OperationRecord record, string error, Stopwatch stopwatch) =>
        new(record.Operation, record.Target, OperationOutcome.Failed, record.Commands, error, stopwatch.Elapsed);
}

/// <summary>What the work of an operation came to: done, nothing to do (with what was found), or an error.</summary>
internal readonly record struct WorkOutcome(string? Error, string? Unchanged)
{
    public static WorkOutcome Done => default;

    public static WorkOutcome Failed(string error) => new(error, null);

    public static WorkOutcome NothingToDo(string found) => new(null, found);
}

/// <summary>A signal stopped an operation between two steps; the message says where it stopped and what to check.</summary>
internal sealed class OperationInterruptedException(string message) : Exception(message);
