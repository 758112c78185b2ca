using KpatchScript.Alerts;
using KpatchScript.PluginHosting;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Plugins.Prometheus.Tests;

/// <summary>The file node_exporter reads: replaced whole, never seen half-written, written by the plugin as kpatch-script loads it.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // the file's Unix mode
public sealed class TextfileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-prom-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static AlertBatch Batch()
    {
        var facade = new KpatchFacade(HostSystems.Open("sysroot:" + SysrootFixtures.Get(SysrootFixtures.OneEnabledPatch)), FixedTimeProvider.Default);
        var verification = facade.Verify();
        return new AlertBatch(facade.Detect(), verification, [], [], FixedTimeProvider.Default.GetUtcNow(), verification.Verdict);
    }

    [Fact]
    public async Task The_plugin_loaded_by_the_host_writes_the_file_on_an_evaluation_without_notifications()
    {
        using var host = PluginHost.Load(new PluginHostOptions
        {
            Directories = [TestPlugins.FirstPartyBuild],
            Configuration = new Dictionary<string, string> { ["Prometheus"] = $$"""{"directory": "{{_directory}}"}""" },
        });
        var sink = host.AlertSinks.Single(s => s.Name == "prometheus");

        await sink.DeliverAsync(Batch(), CancellationToken.None);

        var text = File.ReadAllText(Path.Combine(_directory, "kpatch.prom"));
        Assert.Equal(1, ExpositionParser.Parse(text).Value("kpatch_livepatch_supported"));
        Assert.Equal(["kpatch.prom"], Directory.GetFiles(_directory).Select(Path.GetFileName));
        Assert.Equal(["KpatchScript.Plugins.Prometheus.PrometheusTextfile"], host.Plugins.Single(p => p.Name == "Prometheus").ScriptApis);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(Path.Combine(_directory, "kpatch.prom")));
    }

    [Fact]
    public async Task A_reader_never_sees_half_a_file()
    {
        var path = Path.Combine(_directory, "kpatch.prom");
        var batch = Batch();
        var small = PrometheusTextfile.Render(batch.Status, null, null, batch.Time);
        var large = PrometheusTextfile.Render(batch.Status, batch.Verification, [], batch.Time);
        PrometheusTextfile.WriteAtomically(path, small);
        using var stop = new CancellationTokenSource();
        var reads = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var seen = File.ReadAllText(path);
                Assert.True(seen == small || seen == large, $"read a file that is neither version ({seen.Length} chars)");
                Interlocked.Increment(ref reads);
            }
        });

        // Writes until the reader has read often enough while they happened (at least 300 writes; bounded, so a stuck reader fails the test).
        for (var i = 0; (i < 300 || Volatile.Read(ref reads) < 100) && i < 100_000; i++)
        {
            PrometheusTextfile.WriteAtomically(path, i % 2 == 0 ? large : small);
        }

        stop.Cancel();
        await reader;
        Assert.True(reads >= 100, $"the reader read {reads} times only");
        Assert.Equal(["kpatch.prom"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void A_missing_directory_says_which_and_what_to_set()
    {
        var missing = Path.Combine(_directory, "nope");

        var error = Assert.Throws<DirectoryNotFoundException>(() => PrometheusTextfile.WriteAtomically(Path.Combine(missing, "kpatch.prom"), "x"));

        Assert.Equal($"the textfile directory {missing} does not exist (node_exporter's --collector.textfile.directory; set \"directory\" in the plugin's configuration)", error.Message);
    }

    [Theory]
    [InlineData("""{"directory": "relative/dir"}""", "directory must be an absolute path, not \"relative/dir\"")]
    [InlineData("""{"file": "kpatch.txt"}""", "file must be a file name ending in .prom (node_exporter reads only those), not \"kpatch.txt\"")]
    [InlineData("""{"dir": "/x"}""", "unknown key 'dir' (known: directory, file)")]
    public void A_bad_configuration_refuses_the_plugin_naming_the_key(string json, string error)
    {
        using var host = PluginHost.Load(new PluginHostOptions
        {
            Directories = [TestPlugins.FirstPartyBuild],
            Configuration = new Dictionary<string, string> { ["Prometheus"] = json },
        });

        Assert.Equal($"plugin Prometheus: registering: threw System.ArgumentException: {error}", host.Plugins.Single(p => p.Name == "Prometheus").Error);
    }

    [Fact]
    public void Settings_default_to_debians_textfile_directory() =>
        Assert.Equal(("/var/lib/prometheus/node-exporter", "kpatch.prom"), PrometheusPlugin.Settings(null));
}
