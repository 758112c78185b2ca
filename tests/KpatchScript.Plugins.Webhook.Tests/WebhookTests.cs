using System.Reflection;
using System.Text.Json;
using KpatchScript.Alerts;
using KpatchScript.PluginHosting;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Plugins.Webhook.Tests;

/// <summary>The webhook against a real HTTP server on 127.0.0.1: delivery, retry after a 500, timeout, an unreachable URL.</summary>
public sealed class WebhookTests
{
    private static readonly string Configuration = typeof(WebhookTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
    private static readonly DateTimeOffset Now = FixedTimeProvider.Default.GetUtcNow();

    private static AlertBatch Batch(params Alert[] notifications)
    {
        var status = new KpatchFacade(HostSystems.Open("sysroot:" + SysrootFixtures.Get(SysrootFixtures.PatchInTransition)), FixedTimeProvider.Default).Detect();
        return new AlertBatch(status, null, notifications, notifications, Now, Verdicts.VerdictJudge.Judge(status, checks: null)) { RenderedText = "1 alert: livepatch_sleep is stuck", RenderedJson = """{"text": "livepatch_sleep is stuck"}""" };
    }

    private static Alert Stalled => new("transition-stalled", "transition-stalled:livepatch_sleep", AlertSeverity.Critical, AlertState.Firing, "lab", "local",
        "livepatch_sleep is stuck in transition", "waiting for postgres (pid 733)", Now.AddMinutes(-30), Now);

    private static WebhookSink Sink(string json, TimeProvider? time = null) => new(WebhookSettings.Parse(json, TimeSpan.FromSeconds(30)), time ?? TimeProvider.System);

    [Fact]
    public async Task Notifications_are_posted_as_json_with_the_configured_headers()
    {
        using var server = new TestHttpServer(TestHttpServer.Status(204));
        using var sink = Sink($$$"""{"urls": ["{{{server.Url()}}}"], "headers": {"Authorization": "Bearer t0ken"}}""");

        await sink.DeliverAsync(Batch(Stalled), CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/hook/secret-token", "application/json; charset=utf-8", "Bearer t0ken"), (request.Method, request.Path, request.ContentType, request.Headers["Authorization"]));
        Assert.StartsWith("kpatch-script-webhook/", request.Headers["User-Agent"], StringComparison.Ordinal);
        var document = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal((2, 1, "1 alert: livepatch_sleep is stuck"), (document.GetProperty("schema_version").GetInt32(), document.GetProperty("active").GetInt32(), document.GetProperty("rendered_text").GetString()));
        // The host's one verdict rides along, as every other surface shows it.
        var verdict = document.GetProperty("verdict");
        Assert.Equal(("not covered", "patch-in-transition"), (verdict.GetProperty("state").GetString(), verdict.GetProperty("reasons")[0].GetProperty("code").GetString()));
        Assert.StartsWith("trixie-db is not covered: Live patch livepatch_sleep was in transition", verdict.GetProperty("summary").GetString(), StringComparison.Ordinal);
        var alert = Assert.Single(document.GetProperty("notifications").EnumerateArray().ToList());
        Assert.Equal(("transition-stalled", "critical", "firing", "livepatch_sleep is stuck in transition"),
            (alert.GetProperty("rule").GetString(), alert.GetProperty("severity").GetString(), alert.GetProperty("state").GetString(), alert.GetProperty("summary").GetString()));
        Assert.Equal(Now.AddMinutes(-30), alert.GetProperty("since").GetDateTimeOffset());
    }

    // Timeouts and backoff run on a manual clock: the test moves time, so a loaded machine cannot
    // make a deadline pass early (a request not yet read by the server) or a retry come late.
    [Fact]
    public async Task An_answer_of_500_is_tried_again_after_the_backoff()
    {
        using var server = new TestHttpServer(TestHttpServer.Status(500), TestHttpServer.Status(200));
        var clock = new ManualTimeProvider();
        using var sink = Sink($$"""{"urls": ["{{server.Url()}}"], "attempts": 3, "backoff_seconds": 0.3}""", clock);

        var delivery = sink.DeliverAsync(Batch(Stalled), CancellationToken.None);
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(0.3)); // the backoff after the 500
        clock.Advance(TimeSpan.FromSeconds(0.29));
        Assert.Single(server.Requests);
        clock.Advance(TimeSpan.FromSeconds(0.01));
        await delivery;

        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_in_time_fails_after_the_attempts()
    {
        using var server = new TestHttpServer(TestHttpServer.Silent());
        var clock = new ManualTimeProvider();
        using var sink = Sink($$"""{"urls": ["{{server.Url()}}"], "timeout_seconds": 0.5, "attempts": 2, "backoff_seconds": 0.1}""", clock);

        var delivery = Assert.ThrowsAsync<InvalidOperationException>(() => sink.DeliverAsync(Batch(Stalled), CancellationToken.None));
        await server.WaitForRequestsAsync(1);
        clock.Advance(TimeSpan.FromSeconds(0.5)); // the first attempt's deadline
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(0.1)); // the backoff
        clock.Advance(TimeSpan.FromSeconds(0.1));
        await server.WaitForRequestsAsync(2);
        clock.Advance(TimeSpan.FromSeconds(0.5)); // the second attempt's deadline
        var error = await delivery;

        Assert.Equal($"webhook http://127.0.0.1:{server.Port}/...: gave up after 2 attempt(s), the last: no answer within 0.5 s", error.Message);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task An_unreachable_url_is_named_and_the_other_url_still_gets_the_alert()
    {
        using var server = new TestHttpServer(TestHttpServer.Status(200));
        var port = KpatchScript.TestFixtures.LoopbackPort.Free();
        using var sink = Sink($$"""{"urls": ["http://127.0.0.1:{{port}}/hook", "{{server.Url()}}"], "attempts": 2, "backoff_seconds": 0}""");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sink.DeliverAsync(Batch(Stalled), CancellationToken.None));

        Assert.Equal($"webhook http://127.0.0.1:{port}/...: gave up after 2 attempt(s), the last: Connection refused", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        using var server = new TestHttpServer(TestHttpServer.Status(404));
        using var sink = Sink($$"""{"urls": ["{{server.Url("/")}}"]}""");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sink.DeliverAsync(Batch(Stalled), CancellationToken.None));

        Assert.Equal($"webhook http://127.0.0.1:{server.Port}/: answered 404 Not Found (not retried)", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_evaluation_without_notifications_sends_nothing()
    {
        using var server = new TestHttpServer(TestHttpServer.Status(200));
        using var sink = Sink($$"""{"urls": ["{{server.Url()}}"]}""");

        await sink.DeliverAsync(Batch(), CancellationToken.None);

        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("rendered_json", "application/json; charset=utf-8", """{"text": "livepatch_sleep is stuck"}""")]
    [InlineData("rendered_text", "text/plain; charset=utf-8", "1 alert: livepatch_sleep is stuck")]
    public async Task The_body_can_be_a_rendered_template(string body, string contentType, string expected)
    {
        using var server = new TestHttpServer(TestHttpServer.Status(200));
        using var sink = Sink($$"""{"urls": ["{{server.Url()}}"], "body": "{{body}}"}""");

        await sink.DeliverAsync(Batch(Stalled), CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal((contentType, expected), (request.ContentType, request.Body));
    }

    [Fact]
    public async Task Loaded_by_the_host_it_delivers_and_a_failure_is_one_line_naming_the_plugin()
    {
        using var server = new TestHttpServer(TestHttpServer.Status(200), TestHttpServer.Status(403));
        using var host = PluginHost.Load(new PluginHostOptions
        {
            Directories = [RepositoryPaths.Combine("plugins", "bin", Configuration)],
            Configuration = new Dictionary<string, string> { ["webhook"] = $$"""{"urls": ["{{server.Url()}}"]}""" },
        });
        var sink = host.AlertSinks.Single(s => s.Name == "webhook");

        await sink.DeliverAsync(Batch(Stalled), CancellationToken.None);
        var error = await Assert.ThrowsAsync<PluginException>(() => sink.DeliverAsync(Batch(Stalled), CancellationToken.None));

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal($"plugin Webhook: alert sink 'webhook': threw System.InvalidOperationException: webhook http://127.0.0.1:{server.Port}/...: answered 403 Forbidden (not retried)", error.Message);
    }

    [Theory]
    [InlineData(null, "no configuration: set \"plugins\": {\"Webhook\": {\"urls\": [\"https://...\"]}} in the kpatch-script configuration")]
    [InlineData("""{"urls": ["ftp://x/"]}""", "urls: \"ftp://x/\" is not an http or https URL")]
    [InlineData("""{"url": "http://x/"}""", "unknown key 'url' (known: urls, timeout_seconds, attempts, backoff_seconds, body, headers)")]
    [InlineData("""{"urls": ["http://x/"], "attempts": 0}""", "attempts must be a whole number from 1 to 10, not 0")]
    [InlineData("""{"urls": ["http://x/"], "timeout_seconds": 4, "attempts": 3}""", "3 attempts of timeout_seconds 4 with backoff_seconds 0.5 take up to 13.5 s, not less than the plugin timeout of 10 s: lower them, or raise plugin_timeout_seconds")]
    public void A_bad_configuration_refuses_the_plugin_naming_the_key(string? json, string error)
    {
        using var host = PluginHost.Load(new PluginHostOptions
        {
            Directories = [RepositoryPaths.Combine("plugins", "bin", Configuration)],
            Configuration = json is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Webhook"] = json },
        });

        Assert.Equal($"plugin Webhook: registering: threw System.ArgumentException: {error}", host.Plugins.Single(p => p.Name == "Webhook").Error);
    }

    [Fact]
    public void The_defaults_fit_in_the_default_plugin_timeout() =>
        Assert.Equal(TimeSpan.FromSeconds(7.5), WebhookSettings.Parse("""{"urls": ["https://example.invalid/"]}""", TimeSpan.FromSeconds(10)).WorstCase);
}
