using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using KpatchScript.Alerts;

namespace KpatchScript.Plugins.Webhook;

/// <summary>
/// POSTs each evaluation's notifications to every URL, with a deadline per attempt and retries
/// with doubling backoff. An evaluation without notifications sends nothing. A URL that still
/// fails makes the delivery throw one line per failed URL (the other URLs are still sent to);
/// URLs are shown without their path, which often holds the secret (Slack, Teams).
/// </summary>
internal sealed class WebhookSink(WebhookSettings settings, TimeProvider time) : IAlertSink, IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { ConnectTimeout = settings.Timeout, PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan, // each attempt has its own deadline
    };

    public string Name => "webhook";

    public async Task DeliverAsync(AlertBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Notifications.Count == 0)
        {
            return;
        }

        var (body, mediaType) = Body(batch);
        var failures = await Task.WhenAll(settings.Urls.Select(url => SendAsync(url, body, mediaType, cancellationToken))).ConfigureAwait(false);
        var failed = failures.Where(f => f is not null).ToList();
        if (failed.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", failed));
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Null when delivered; otherwise why not.</summary>
    private async Task<string?> SendAsync(Uri url, byte[] body, string mediaType, CancellationToken cancellationToken)
    {
        string? last = null;
        for (var attempt = 1; attempt <= settings.Attempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(settings.Backoff * (1 << (attempt - 2)), time, cancellationToken).ConfigureAwait(false);
            }

            using var deadline = new CancellationTokenSource(settings.Timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType, "utf-8");
                request.Headers.UserAgent.Add(new ProductInfoHeaderValue("kpatch-script-webhook", typeof(WebhookSink).Assembly.GetName().Version?.ToString(3) ?? "0"));
                foreach (var (name, value) in settings.Headers)
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }

                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return null;
                }

                last = $"answered {(int)response.StatusCode} {response.ReasonPhrase}";
                if (!Retryable(response.StatusCode))
                {
                    return $"webhook {Shown(url)}: {last} (not retried)";
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = string.Create(CultureInfo.InvariantCulture, $"no answer within {settings.Timeout.TotalSeconds:0.###} s");
            }
            catch (HttpRequestException ex)
            {
                last = ex.InnerException?.Message ?? ex.Message;
            }
        }

        return $"webhook {Shown(url)}: gave up after {settings.Attempts} attempt(s), the last: {last}";
    }

    private (byte[] Body, string MediaType) Body(AlertBatch batch) => settings.Body switch
    {
        "rendered_json" => (Encoding.UTF8.GetBytes(batch.RenderedJson ?? throw new InvalidOperationException("body is rendered_json, but the evaluation has no alert.json rendering")), "application/json"),
        "rendered_text" => (Encoding.UTF8.GetBytes(batch.RenderedText ?? throw new InvalidOperationException("body is rendered_text, but the evaluation has no alert.txt rendering")), "text/plain"),
        _ => (AlertDocument.Write(batch), "application/json"),
    };

    private static bool Retryable(HttpStatusCode status) => (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    /// <summary>Scheme, host and port: the path and query of a webhook URL are often its secret.</summary>
    internal static string Shown(Uri url) => $"{url.Scheme}://{url.Authority}{(url.PathAndQuery.Length > 1 ? "/..." : "/")}";
}
