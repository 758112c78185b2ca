using System.Text.Json;
using KpatchScript.TestFixtures;

namespace KpatchScript.Ansible.Tests;

/// <summary>
/// The status playbook, agentless, against two livepatch lab guests (qemu, Debian's kernel, a
/// busybox initramfs with dropbear): hosts with sshd and nothing else, no Python and no .NET, in
/// different patch states. Ansible runs every task on the controller, where kpatch-script reads
/// each guest through its ssh target.
/// </summary>
public sealed class LabGuestPlaybookTests : IClassFixture<AnsiblePlaybooks>, IDisposable
{
    private readonly AnsiblePlaybooks _collection;
    private readonly string _run;
    private readonly KernelLab _patched;
    private readonly KernelLab _plain;

    public LabGuestPlaybookTests(AnsiblePlaybooks collection)
    {
        _collection = collection;
        _run = Directory.CreateTempSubdirectory("kps-ansible-lab-").FullName;
        // Both boots at once: each is about 10 s of TCG, most of it waiting.
        var boots = new[] { Task.Run(() => new KernelLab()), Task.Run(() => new KernelLab()) };
        try
        {
            Task.WaitAll(boots);
        }
        catch
        {
            foreach (var boot in boots.Where(b => b.IsCompletedSuccessfully))
            {
                boot.Result.Dispose();
            }

            Directory.Delete(_run, recursive: true);
            throw;
        }

        (_patched, _plain) = (boots[0].Result, boots[1].Result);
    }

    public void Dispose()
    {
        _patched.Dispose();
        _plain.Dispose();
        Directory.Delete(_run, recursive: true);
    }

    [Fact]
    public void Agentless_mode_reports_each_guest_with_the_verdict_of_its_own_status()
    {
        _patched.GuestRun("sh", "-c", "echo lab-patched > /proc/sys/kernel/hostname");
        _plain.GuestRun("sh", "-c", "echo lab-plain > /proc/sys/kernel/hostname");
        _patched.GuestRun("insmod", KernelLab.ModulePath(LabModules.Cmdline));
        var environment = new Dictionary<string, string> { ["KPATCH_SCRIPT_CONFIG"] = Config() };
        var inventory = new Dictionary<string, object>
        {
            ["all"] = new Dictionary<string, object>
            {
                ["hosts"] = new Dictionary<string, object>
                {
                    ["lab-patched"] = Host(_patched),
                    ["lab-plain"] = Host(_plain),
                },
            },
        };

        var result = _collection.Play("status", inventory, _collection.Variables(new()
        {
            ["kpatch_script_mode"] = "agentless",
            ["kpatch_script_environment"] = environment,
        }), _run);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        using var fleet = JsonDocument.Parse(File.ReadAllText(Path.Combine(_run, "kpatch-fleet", "fleet.json")));
        Assert.Empty(fleet.RootElement.GetProperty("unreadable").EnumerateArray());
        Assert.Empty(fleet.RootElement.GetProperty("duplicates").EnumerateArray());
        var hosts = fleet.RootElement.GetProperty("hosts").EnumerateArray().ToDictionary(h => h.GetProperty("name").GetString()!, h => h.Clone());
        Assert.Equal(["lab-patched", "lab-plain"], hosts.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, lab) in new[] { ("lab-patched", _patched), ("lab-plain", _plain) })
        {
            var host = hosts[name];
            Assert.Equal(OwnVerdict(lab, environment), host.GetProperty("verdict").GetProperty("state").GetString());
            Assert.Equal(lab.TargetUri, host.GetProperty("status").GetProperty("target").GetString());
        }

        Assert.Equal([LabModules.ModuleName(LabModules.Cmdline)], Patches(hosts["lab-patched"]));
        Assert.Empty(Patches(hosts["lab-plain"]));
        Assert.NotEqual(
            hosts["lab-patched"].GetProperty("verdict").GetProperty("state").GetString(),
            hosts["lab-plain"].GetProperty("verdict").GetProperty("state").GetString());
    }

    /// <summary>The controller's configuration: the lab's key, both guests' host keys, and what LabSession says of a guest without rpm.</summary>
    private string Config()
    {
        var knownHosts = Path.Combine(_run, "known_hosts");
        File.WriteAllText(knownHosts, File.ReadAllText(_patched.KnownHostsFile) + File.ReadAllText(_plain.KnownHostsFile));
        var config = Path.Combine(_run, "config.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["ssh_identity_file"] = _patched.IdentityFile,
            ["ssh_known_hosts_file"] = knownHosts,
            ["state_directory"] = Directory.CreateDirectory(Path.Combine(_run, "state")).FullName,
            ["support_window_days"] = 3650,
            ["verdict"] = new Dictionary<string, object> { ["downgrade"] = new Dictionary<string, string> { ["unknown-packages"] = "note", ["unknown-reboot"] = "note" } },
        }));
        return config;
    }

    private static Dictionary<string, object> Host(KernelLab lab) => new()
    {
        ["ansible_host"] = "127.0.0.1",
        ["ansible_port"] = lab.Port,
        ["ansible_user"] = KernelLab.User,
    };

    private static string OwnVerdict(KernelLab lab, Dictionary<string, string> environment)
    {
        var result = KpatchScriptCli.Run(["status", "--json", "--target", lab.TargetUri], environment);
        Assert.True(result.Succeeded, result.StandardError);
        return JsonDocument.Parse(result.StandardOutput).RootElement.GetProperty("verdict").GetProperty("state").GetString()!;
    }

    private static List<string> Patches(JsonElement host) =>
        host.GetProperty("status").GetProperty("livepatch").GetProperty("patches").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToList();
}
