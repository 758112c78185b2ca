using KpatchScript.Alerts;
using KpatchScript.Reporting.Alerts;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Reporting.Tests;

/// <summary>Sinks are isolated: one that throws is a named failure, the others still deliver; the file sink writes whole files.</summary>
public sealed class AlertDeliveryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-sinks-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_failing_sink_is_named_and_the_others_deliver()
    {
        var batch = Batch();
        using var stdout = new StringWriter();
        var file = Path.Combine(_directory, "alerts.json");
        IAlertSink[] sinks = [new StdoutSink(stdout), new ThrowingSink(), new FileSink(file, "json")];

        var results = await AlertDelivery.DeliverAsync(batch, sinks, CancellationToken.None);

        Assert.Equal([("stdout", "delivered"), ("webhook", "failed"), ("file", "delivered")], results.Select(r => (r.Sink, r.Result)));
        Assert.Equal("InvalidOperationException: connection refused", results[1].Error);
        Assert.Equal(batch.RenderedText, stdout.ToString());
        Assert.Equal(batch.RenderedJson, File.ReadAllText(file));
        Assert.Equal(["alerts.json"], Directory.GetFiles(_directory).Select(Path.GetFileName)); // no temporary left
    }

    private static AlertBatch Batch()
    {
        var (status, verification) = FixtureReports.Read(SysrootFixtures.Rhel9KpatchDnf);
        var run = new AlertRun(FixedTimeProvider.Default, new AlertSettings(), FixtureReports.ShippedOnly);
        var outcome = run.Evaluate(status, verification, []);
        Assert.NotNull(outcome.Batch.RenderedText);
        return outcome.Batch;
    }

    private sealed class ThrowingSink : IAlertSink
    {
        public string Name => "webhook";

        public Task DeliverAsync(AlertBatch batch, CancellationToken cancellationToken) => throw new InvalidOperationException("connection refused");
    }
}
