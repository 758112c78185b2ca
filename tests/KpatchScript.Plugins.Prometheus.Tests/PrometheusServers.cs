using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using KpatchScript.TestFixtures;

namespace KpatchScript.Plugins.Prometheus.Tests;

/// <summary>
/// Debian's prometheus-node-exporter, its textfile collector on <see cref="TextfileDirectory"/> (where
/// the plugin writes kpatch.prom), and Debian's prometheus server scraping it every second with the
/// shipped alerting rules, both on 127.0.0.1. tests/run installs the two programs; missing, the
/// constructor fails saying so. Stopped and removed on dispose.
/// </summary>
internal sealed class PrometheusServers : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-prometheus-").FullName;
    private readonly List<(Process Process, StringBuilder Output)> _processes = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly int _prometheusPort;

    public PrometheusServers(string rulesFile)
    {
        TextfileDirectory = Directory.CreateDirectory(Path.Combine(_directory, "textfile")).FullName;
        var exporterPort = LoopbackPort.Free();
        Start("prometheus-node-exporter", "--web.listen-address=127.0.0.1:" + exporterPort, "--collector.disable-defaults", "--collector.textfile", "--collector.textfile.directory=" + TextfileDirectory);
        WaitFor($"http://127.0.0.1:{exporterPort}/metrics", "prometheus-node-exporter");

        var config = Path.Combine(_directory, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - {rulesFile}
            scrape_configs:
              - job_name: node
                static_configs:
                  - targets: ['127.0.0.1:{exporterPort}']

            """);
        _prometheusPort = LoopbackPort.Free();
        Start("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(_directory, "data"), "--web.listen-address=127.0.0.1:" + _prometheusPort);
        WaitFor($"http://127.0.0.1:{_prometheusPort}/-/ready", "prometheus");
        Instance = "127.0.0.1:" + exporterPort;
    }

    /// <summary>node_exporter's <c>--collector.textfile.directory</c>.</summary>
    public string TextfileDirectory { get; }

    /// <summary>The <c>instance</c> label Prometheus gives the host's series.</summary>
    public string Instance { get; }

    /// <summary>The alerts Prometheus holds now: name and state (pending, firing); a resolved alert is no longer listed.</summary>
    public IReadOnlyList<(string Name, string State, string Instance)> Alerts()
    {
        using var document = JsonDocument.Parse(_http.GetStringAsync($"http://127.0.0.1:{_prometheusPort}/api/v1/alerts").GetAwaiter().GetResult());
        return [.. document.RootElement.GetProperty("data").GetProperty("alerts").EnumerateArray().Select(a => (
            a.GetProperty("labels").GetProperty("alertname").GetString()!,
            a.GetProperty("state").GetString()!,
            a.GetProperty("labels").TryGetProperty("instance", out var instance) ? instance.GetString()! : ""))];
    }

    /// <summary>The value of a PromQL expression now, or null when it has no series.</summary>
    public double? Query(string expression)
    {
        var answer = _http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{_prometheusPort}/api/v1/query?query={Uri.EscapeDataString(expression)}").GetAwaiter().GetResult();
        var result = answer.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0 ? null : double.Parse(result[0].GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Waits, polling every 200 ms, until <paramref name="condition"/> holds; fails with what both programs printed.</summary>
    public void WaitUntil(Func<bool> condition, TimeSpan limit, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"{what}: not within {limit.TotalSeconds:0} s. Alerts now: {string.Join(", ", Alerts())}.\n{Log()}");
            }

            Thread.Sleep(200);
        }
    }

    public void Dispose()
    {
        foreach (var (process, _) in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }

        _http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private string Log() => string.Join("\n", _processes.Select(p => $"--- {p.Process.StartInfo.FileName}:\n{p.Output}"));

    private void Start(string program, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = _directory };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(startInfo)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{program} is not installed: tests/run installs it from Debian's {(program == "prometheus" ? "prometheus" : "prometheus-node-exporter")} package", ex);
        }

        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add((process, output));
    }

    /// <summary>Until the address answers 200: wide margins, a busy machine starts Prometheus slowly.</summary>
    private void WaitFor(string address, string program)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (_http.GetAsync(address).GetAwaiter().GetResult().IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException ex) when (ex.InnerException is SocketException)
            {
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(60) || _processes.Any(p => p.Process.HasExited))
            {
                throw new InvalidOperationException($"{program} did not answer {address} within 60 s.\n{Log()}");
            }

            Thread.Sleep(200);
        }
    }
}
