using System.Collections.Concurrent;
using System.Net;

namespace KpatchScript.Plugins.Webhook.Tests;

/// <summary>
/// A real HTTP server on 127.0.0.1 (HttpListener) that answers each request with the next of its
/// scripted answers (the last one repeats) and records what it received.
/// </summary>
internal sealed class TestHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<int, HttpListenerResponse, CancellationToken, Task>[] _answers;
    private readonly CancellationTokenSource _stop = new();
    private int _count;

    public TestHttpServer(params Func<int, HttpListenerResponse, CancellationToken, Task>[] answers)
    {
        _answers = answers;
        Port = KpatchScript.TestFixtures.LoopbackPort.Free();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public sealed record Request(string Method, string Path, string ContentType, IReadOnlyDictionary<string, string?> Headers, string Body);

    public int Port { get; }

    public string Url(string path = "/hook/secret-token") => $"http://127.0.0.1:{Port}{path}";

    public ConcurrentQueue<Request> Requests { get; } = new();

    /// <summary>Answers with a status.</summary>
    public static Func<int, HttpListenerResponse, CancellationToken, Task> Status(int status) => (_, response, _) =>
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    };

    /// <summary>Never answers (until the server stops).</summary>
    public static Func<int, HttpListenerResponse, CancellationToken, Task> Silent() => (_, _, stop) => Task.Delay(Timeout.Infinite, stop);

    /// <summary>Waits (in real time) until <paramref name="count"/> requests have arrived; throws after a minute, a hang guard only.</summary>
    public async Task WaitForRequestsAsync(int count)
    {
        var limit = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (Requests.Count < count)
        {
            if (DateTime.UtcNow > limit)
            {
                throw new TimeoutException($"{Requests.Count} request(s) within a minute, not {count}");
            }

            await Task.Delay(5);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var number = Interlocked.Increment(ref _count);
        using (var reader = new StreamReader(context.Request.InputStream))
        {
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k], StringComparer.OrdinalIgnoreCase);
            Requests.Enqueue(new Request(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.ContentType ?? "", headers, await reader.ReadToEndAsync()));
        }

        try
        {
            await _answers[Math.Min(number, _answers.Length) - 1](number, context.Response, _stop.Token);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or ObjectDisposedException)
        {
            // The server stopped while answering.
        }
    }
}
