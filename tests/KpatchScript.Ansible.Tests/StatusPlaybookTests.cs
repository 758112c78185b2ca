using System.Text.Json;
using KpatchScript.TestFixtures;

namespace KpatchScript.Ansible.Tests;

/// <summary>
/// The status playbook over real ssh: this machine's sshd on 127.0.0.1 under several inventory
/// names, each host's kpatch-script reading a captured tree of its own (agent mode), or
/// kpatch-script on the controller reading the host through its ssh target (agentless mode).
/// </summary>
public sealed class StatusPlaybookTests : IClassFixture<AnsiblePlaybooks>, IDisposable
{
    private static readonly string[] Fixtures = [SysrootFixtures.LabLoaded, SysrootFixtures.LabStalled, SysrootFixtures.OneEnabledPatch];

    private readonly AnsiblePlaybooks _collection;
    private readonly SshServer _sshd = new();
    private readonly string _run;

    public StatusPlaybookTests(AnsiblePlaybooks collection)
    {
        _collection = collection;
        _run = Directory.CreateTempSubdirectory("kps-ansible-run-").FullName;
    }

    public void Dispose()
    {
        _sshd.Dispose();
        Directory.Delete(_run, recursive: true);
    }

    [Fact]
    public void Agent_mode_reports_every_host_with_the_verdict_of_its_own_status_and_an_unreachable_one_as_unreadable()
    {
        var inventory = new LoopbackInventory(_sshd);
        foreach (var fixture in Fixtures)
        {
            inventory.Add("web-" + fixture, new() { ["kpatch_script_target"] = "sysroot:" + SysrootFixtures.Get(fixture) });
        }

        // Nothing listens there: Ansible cannot reach it, and the report must not leave it out.
        inventory.AddUnreachable("gone");

        var result = _collection.Play("status", inventory.ToInventory(), _collection.Variables(), _run);

        // 4: a host was unreachable (Ansible's exit code), and nothing else failed.
        Assert.True(result.ExitCode == 4, result.StandardOutput + result.StandardError);
        var fleet = Fleet();
        foreach (var fixture in Fixtures)
        {
            Assert.Equal(OwnVerdict("sysroot:" + SysrootFixtures.Get(fixture)), fleet.Hosts[$"web-{fixture}.json"]);
        }

        Assert.Equal([("gone.json", "not a status --json document: it says 'kpatch-script status gave no answer for gone: the host was unreachable or its play stopped'")], fleet.Unreadable);
        Assert.Equal(Fixtures.Length, fleet.Hosts.Count);
        var html = File.ReadAllText(Path.Combine(_run, "kpatch-fleet", "fleet.html"));
        var csv = File.ReadAllText(Path.Combine(_run, "kpatch-fleet", "fleet.csv"));
        Assert.All(Fixtures, f => Assert.Contains($"web-{f}.json", html, StringComparison.Ordinal));
        Assert.All(Fixtures, f => Assert.Contains($"web-{f}.json", csv, StringComparison.Ordinal));
    }

    [Fact]
    public void Agentless_mode_reads_each_host_through_ssh_from_the_controller()
    {
        var config = Path.Combine(_run, "config.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new Dictionary<string, string> { ["ssh_identity_file"] = _sshd.ClientKey, ["ssh_known_hosts_file"] = _sshd.KnownHosts }));
        var inventory = new LoopbackInventory(_sshd).Add("db1").Add("db2");

        var result = _collection.Play("status", inventory.ToInventory(), _collection.Variables(new()
        {
            ["kpatch_script_mode"] = "agentless",
            ["kpatch_script_environment"] = new Dictionary<string, string> { ["KPATCH_SCRIPT_CONFIG"] = config },
        }), _run);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        var fleet = Fleet();
        var expected = OwnVerdict(_sshd.Target, new() { ["KPATCH_SCRIPT_CONFIG"] = config });
        // Two inventory names for one machine: one host (the newer document), the other listed as its duplicate.
        var (shown, state) = Assert.Single(fleet.Hosts);
        Assert.Equal(expected, state);
        var duplicate = Assert.Single(fleet.Duplicates);
        Assert.Equal((shown == "db1.json" ? "db2.json" : "db1.json", shown), duplicate);
        Assert.Empty(fleet.Unreadable);
        // The target each document names is the ssh target the controller used, not this machine's local.
        var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(_run, "kpatch-fleet", "hosts", "db1.json")));
        Assert.Equal(_sshd.Target, document.RootElement.GetProperty("target").GetString());
    }

    /// <summary>The verdict state the host's own status gives, asked by the test itself.</summary>
    private static string OwnVerdict(string target, Dictionary<string, string>? environment = null)
    {
        var result = KpatchScriptCli.Run(["status", "--json", "--target", target], environment);
        Assert.True(result.Succeeded, result.StandardError);
        return JsonDocument.Parse(result.StandardOutput).RootElement.GetProperty("verdict").GetProperty("state").GetString()!;
    }

    /// <summary>The rendered fleet.json: each host file with its verdict state, the unreadable files, and the duplicates with the file shown instead.</summary>
    private (Dictionary<string, string> Hosts, List<(string File, string Reason)> Unreadable, List<(string File, string Kept)> Duplicates) Fleet()
    {
        using var fleet = JsonDocument.Parse(File.ReadAllText(Path.Combine(_run, "kpatch-fleet", "fleet.json")));
        var hosts = fleet.RootElement.GetProperty("hosts").EnumerateArray()
            .ToDictionary(h => h.GetProperty("file").GetString()!, h => h.GetProperty("verdict").GetProperty("state").GetString()!);
        var unreadable = fleet.RootElement.GetProperty("unreadable").EnumerateArray().Select(u => (u.GetProperty("file").GetString()!, u.GetProperty("reason").GetString()!)).ToList();
        var duplicates = fleet.RootElement.GetProperty("duplicates").EnumerateArray().Select(d => (d.GetProperty("file").GetString()!, d.GetProperty("kept").GetString()!)).ToList();
        return (hosts, unreadable, duplicates);
    }
}
