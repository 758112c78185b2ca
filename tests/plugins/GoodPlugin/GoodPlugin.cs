using System.Text.Json;
using KpatchScript.Alerts;
using KpatchScript.Plugins;
using KpatchScript.Reports;
using KpatchScript.Status;
using KpatchScript.Verification;

[assembly: KpatchPlugin(typeof(TestPlugins.Good.GoodPlugin))]

namespace TestPlugins.Good;

/// <summary>Registers one of each; its configuration (<c>{"result": "warn", "record_to": "/path", "sleep_ms": 500}</c>) steers the check and the sink.</summary>
public sealed class GoodPlugin : IKpatchPlugin, IDisposable
{
    private string? _disposedMarker;

    public string Description => Greeter.Edition + ": a check, an alert sink, a report contributor and a script API";

    public void Register(IPluginRegistrar registrar)
    {
        var result = "pass";
        string? recordTo = null;
        var sleep = 0;
        if (registrar.ConfigurationJson is { } json)
        {
            using var document = JsonDocument.Parse(json);
            result = document.RootElement.TryGetProperty("result", out var r) ? r.GetString()! : result;
            recordTo = document.RootElement.TryGetProperty("record_to", out var p) ? p.GetString() : null;
            sleep = document.RootElement.TryGetProperty("sleep_ms", out var s) ? s.GetInt32() : 0;
        }

        _disposedMarker = recordTo is null ? null : recordTo + ".disposed";
        registrar.AddVerificationCheck(new SiteCheck(result, sleep));
        registrar.AddAlertSink(new RecordingSink(recordTo));
        registrar.AddReportDataContributor(new InventoryContributor());
        registrar.AddScriptApi(typeof(Greeter));
    }

    public void Dispose()
    {
        if (_disposedMarker is not null)
        {
            File.WriteAllText(_disposedMarker, "disposed");
        }
    }
}

/// <summary>What scripts call.</summary>
public static class Greeter
{
#if V2
    public const string Edition = "good v2";
#else
    public const string Edition = "good v1";
#endif

    public static string Greet(string name) => $"hello {name} from {Edition}";
}

internal sealed class SiteCheck(string result, int sleepMilliseconds) : IVerificationCheck
{
    public string Name => "site-baseline";

    public Task<VerificationCheck> CheckAsync(VerificationCheckContext context, CancellationToken cancellationToken)
    {
        Thread.Sleep(sleepMilliseconds); // a slow check, answering within the timeout

        // Reads through the target, as checks must: works on a sysroot as on the machine.
        var osRelease = context.Host.GetEntryKind("/etc/os-release");
        var patches = context.Status.Livepatch.Patches.GetValueOrDefault([])!.Count;
        var outcome = result == "warn" ? CheckResult.Warn : CheckResult.Pass;
        return Task.FromResult(new VerificationCheck("ignored", outcome, $"{patches} patch(es) on {context.Status.Target}, /etc/os-release is {osRelease.ToString().ToLowerInvariant()}"));
    }
}

internal sealed class RecordingSink(string? recordTo) : IAlertSink
{
    public string Name => "recording";

    public Task DeliverAsync(AlertBatch batch, CancellationToken cancellationToken)
    {
        if (recordTo is not null)
        {
            File.AppendAllText(recordTo, $"{batch.Notifications.Count} notification(s) for {batch.Status.Target}\n");
        }

        return Task.CompletedTask;
    }
}

internal sealed class InventoryContributor : IReportDataContributor
{
    public string Name => "inventory";

    public Task<IReadOnlyList<ReportSection>> ContributeAsync(HostStatus status, VerificationReport? verification, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ReportSection>>([new ReportSection("good-inventory", "Inventory", ["host", "rack"], [[status.Target, "r42"]])]);
}
