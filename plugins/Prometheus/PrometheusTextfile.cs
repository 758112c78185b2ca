using KpatchScript.Alerts;
using KpatchScript.Status;
using KpatchScript.Verification;

namespace KpatchScript.Plugins.Prometheus;

/// <summary>
/// The kpatch metrics in the Prometheus text exposition format (version 0.0.4), and the file
/// node_exporter's textfile collector reads. A script API too:
/// <c>using KpatchScript.Plugins.Prometheus; PrometheusTextfile.Write("/var/lib/prometheus/node-exporter", await kp.DetectAsync(), await kp.VerifyAsync());</c>
/// </summary>
public static class PrometheusTextfile
{
    /// <summary>The file name in the textfile directory.</summary>
    public const string DefaultFile = "kpatch.prom";

    /// <summary>Renders the metrics of <paramref name="status"/> (and of a verification and active alerts, when given) and replaces <c>&lt;directory&gt;/kpatch.prom</c> with them.</summary>
    /// <returns>The path written.</returns>
    public static string Write(string directory, HostStatus status, VerificationReport? verification = null, IReadOnlyList<Alert>? active = null)
    {
        ArgumentNullException.ThrowIfNull(status);
        var path = Path.Combine(directory, DefaultFile);
        WriteAtomically(path, Render(status, verification, active, status.CollectedAt));
        return path;
    }

    /// <summary>The exposition text: every metric family with its HELP and TYPE lines.</summary>
    public static string Render(HostStatus status, VerificationReport? verification, IReadOnlyList<Alert>? active, DateTimeOffset time) =>
        KpatchMetrics.Collect(status, verification, active, time).ToText();

    /// <summary>
    /// Writes <paramref name="content"/> to a temporary file in the same directory, flushes it to
    /// disk, then renames it over <paramref name="path"/>: node_exporter, reading at any moment,
    /// sees the old file or the new one, never half of one. The temporary name does not end in
    /// <c>.prom</c>, so the collector never reads it.
    /// </summary>
    public static void WriteAtomically(string path, string content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"the textfile directory {directory} does not exist (node_exporter's --collector.textfile.directory; set \"directory\" in the plugin's configuration)");
        }

        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                writer.Write(content);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                // node_exporter usually runs as its own user: the file must be readable by it.
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
