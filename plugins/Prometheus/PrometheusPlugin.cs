using System.Text.Json;
using KpatchScript.Plugins;

[assembly: KpatchPlugin(typeof(KpatchScript.Plugins.Prometheus.PrometheusPlugin))]

namespace KpatchScript.Plugins.Prometheus;

/// <summary>
/// Registers the textfile exporter as an alert sink (kpatch-script alerts calls it once per
/// evaluation, with or without notifications, so the file is refreshed each time) and
/// <see cref="PrometheusTextfile"/> as a script API. Configuration, all optional:
/// <c>"plugins": {"Prometheus": {"directory": "/var/lib/prometheus/node-exporter", "file": "kpatch.prom"}}</c>.
/// </summary>
public sealed class PrometheusPlugin : IKpatchPlugin
{
    /// <summary>Debian's and Ubuntu's textfile directory of prometheus-node-exporter.</summary>
    public const string DefaultDirectory = "/var/lib/prometheus/node-exporter";

    public string Description => "Prometheus textfile exporter: kpatch.prom for node_exporter's textfile collector";

    public void Register(IPluginRegistrar registrar)
    {
        var (directory, file) = Settings(registrar.ConfigurationJson);
        registrar.AddAlertSink(new TextfileSink(Path.Combine(directory, file)));
        registrar.AddScriptApi(typeof(PrometheusTextfile));
    }

    /// <exception cref="ArgumentException">A key is unknown or has a wrong value (named in the message).</exception>
    internal static (string Directory, string File) Settings(string? json)
    {
        var (directory, file) = (DefaultDirectory, PrometheusTextfile.DefaultFile);
        if (json is null)
        {
            return (directory, file);
        }

        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var value = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
            switch (property.Name)
            {
                case "directory" when value is { Length: > 0 } && Path.IsPathRooted(value):
                    directory = value;
                    break;
                case "file" when value is { Length: > 0 } && value.EndsWith(".prom", StringComparison.Ordinal) && !value.Contains('/', StringComparison.Ordinal):
                    file = value;
                    break;
                case "directory":
                    throw new ArgumentException($"directory must be an absolute path, not {property.Value.GetRawText()}");
                case "file":
                    throw new ArgumentException($"file must be a file name ending in .prom (node_exporter reads only those), not {property.Value.GetRawText()}");
                default:
                    throw new ArgumentException($"unknown key '{property.Name}' (known: directory, file)");
            }
        }

        return (directory, file);
    }
}
