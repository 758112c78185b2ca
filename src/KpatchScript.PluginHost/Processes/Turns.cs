namespace KpatchScript.PluginHosting.Processes;

/// <summary>
/// One at a time, in the order asked, awaited: what a <see cref="SemaphoreSlim"/> of one would do,
/// without anything to dispose. A plugin's check wrappers outlive its unloading (a caller may keep
/// one and call it later, to be told the plugin was unloaded), so its gate cannot be disposed.
/// </summary>
internal sealed class Turns
{
    private readonly Lock _lock = new();
    private Task _last = Task.CompletedTask;

    /// <summary>Waits for the turns asked before this one; disposing the result ends this one.</summary>
    public async Task<IDisposable> TakeAsync(CancellationToken cancellationToken)
    {
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task before;
        lock (_lock)
        {
            (before, _last) = (_last, mine.Task);
        }

        try
        {
            await before.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Given up on: the turns after this one still wait for the ones before it.
            _ = before.ContinueWith(_ => mine.TrySetResult(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }

        return new Turn(mine);
    }

    private sealed class Turn(TaskCompletionSource done) : IDisposable
    {
        public void Dispose() => done.TrySetResult();
    }
}
