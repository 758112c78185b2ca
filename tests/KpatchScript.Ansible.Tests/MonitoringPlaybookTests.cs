using System.Text.Json;
using KpatchScript.TestFixtures;

namespace KpatchScript.Ansible.Tests;

/// <summary>
/// The monitoring playbook over real ssh on a host whose kpatch-script paths (configuration, plugin
/// directories, textfile directory) are a test directory's: the plugin is enabled and configured,
/// and the file node_exporter reads is written at once. This machine has no systemd, so the timer
/// task is turned off (kpatch_script_manage_timer) and said so here.
/// </summary>
public sealed class MonitoringPlaybookTests : IClassFixture<AnsiblePlaybooks>, IDisposable
{
    private readonly AnsiblePlaybooks _collection;
    private readonly SshServer _sshd = new();
    private readonly string _host = Directory.CreateTempSubdirectory("kps-ansible-monitoring-").FullName;

    // The host's plugins-available directory: the first-party Prometheus plugin as built.
    private readonly TestPlugins _available = new();

    public MonitoringPlaybookTests(AnsiblePlaybooks collection) => _collection = collection;

    public void Dispose()
    {
        _sshd.Dispose();
        _available.Dispose();
        Directory.Delete(_host, recursive: true);
    }

    [Fact]
    public void Enables_the_plugin_keeps_the_other_settings_and_writes_the_metrics_and_check_changes_nothing()
    {
        var config = Path.Combine(_host, "etc", "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(config)!);
        var before = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["plugin_directories"] = new[] { Path.Combine(_host, "plugins") },
            ["state_directory"] = Path.Combine(_host, "state"),
            ["support_window_days"] = 365,
        });
        File.WriteAllText(config, before);
        Directory.CreateDirectory(Path.Combine(_host, "plugins"));
        var available = Path.GetDirectoryName(_available.AddFirstParty("Prometheus"))!;
        var textfile = Path.Combine(_host, "textfile");
        var inventory = new LoopbackInventory(_sshd).Add("mon1", new()
        {
            ["kpatch_script_config_file"] = config,
            ["kpatch_script_environment"] = new Dictionary<string, string> { ["KPATCH_SCRIPT_CONFIG"] = config },
            ["kpatch_script_plugins_dir"] = Path.Combine(_host, "plugins"),
            ["kpatch_script_plugins_available_dir"] = available,
            ["kpatch_script_textfile_dir"] = textfile,
            ["kpatch_script_manage_timer"] = false,
            ["kpatch_script_target"] = "sysroot:" + SysrootFixtures.Get(SysrootFixtures.LabStalled),
        });

        var check = _collection.Play("monitoring", inventory.ToInventory(), _collection.Variables(), _host, "--check");

        Assert.True(check.ExitCode == 0, check.StandardOutput + check.StandardError);
        Assert.Equal(before, File.ReadAllText(config));
        Assert.False(Path.Exists(Path.Combine(_host, "plugins", "Prometheus")));
        Assert.False(Path.Exists(textfile));

        var result = _collection.Play("monitoring", inventory.ToInventory(), _collection.Variables(), _host);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Equal(Path.Combine(available, "Prometheus"), new DirectoryInfo(Path.Combine(_host, "plugins", "Prometheus")).LinkTarget);
        using var written = JsonDocument.Parse(File.ReadAllText(config));
        Assert.Equal(textfile, written.RootElement.GetProperty("plugins").GetProperty("Prometheus").GetProperty("directory").GetString());
        Assert.Equal(365, written.RootElement.GetProperty("support_window_days").GetInt32());
        Assert.Contains("kpatch_patch_in_transition{patch=\"lab_stall_patch\"} 1", File.ReadAllText(Path.Combine(textfile, "kpatch.prom")), StringComparison.Ordinal);
    }
}
