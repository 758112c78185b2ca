using System.Globalization;

namespace KpatchScript.PluginHosting.Isolation;

/// <summary>
/// Runs one call into a plugin with a deadline and exception capture. The call starts on a thread
/// of its own, so a plugin that blocks (a synchronous hang, not only an awaited one) holds that
/// thread and nothing of the host's: at the deadline its token is cancelled and the host stops
/// waiting and goes on. Every failure becomes a <see cref="PluginException"/> with one line.
/// </summary>
internal sealed class PluginCall(string plugin, TimeSpan timeout, TimeProvider time)
{
    public string Plugin => plugin;

    public TimeSpan Timeout => timeout;

    public async Task<T> RunAsync<T>(string what, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        var task = Task.Factory.StartNew(() => call(linked.Token), CancellationToken.None, TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default).Unwrap();
        try
        {
            return await task.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // the host itself was interrupted: not the plugin's failure
        }
        catch (Exception ex) when ((ex is TimeoutException && !task.IsCompleted) || (ex is OperationCanceledException && deadline.IsCancellationRequested))
        {
            // Left running when it does not stop: its thread ends whenever the plugin returns.
            _ = task.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw new PluginException(plugin, $"{what} did not answer within {Seconds(timeout)} s") { NoAnswer = true };
        }
        catch (Exception ex) when (ex is not PluginException)
        {
            throw new PluginException(plugin, $"{what}: {FailureText.Describe(ex)}");
        }
    }

    public Task RunAsync(string what, Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        RunAsync(what, async token =>
        {
            await call(token).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>A synchronous call (creating the entry type, registering), waited for with the same deadline.</summary>
    public T Run<T>(string what, Func<T> call, CancellationToken cancellationToken) =>
        RunAsync(what, _ => Task.FromResult(call()), cancellationToken).GetAwaiter().GetResult();

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
