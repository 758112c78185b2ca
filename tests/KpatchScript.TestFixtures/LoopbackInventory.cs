
namespace KpatchScript.TestFixtures;

/// <summary>
/// An Ansible inventory whose hosts are all this machine's test sshd on 127.0.0.1, under names of
/// their own: Ansible connects to each over real ssh with the server's key and known_hosts.
/// </summary>
public sealed class LoopbackInventory(SshServer sshd)
{
    private readonly Dictionary<string, object> _hosts = [];

    /// <summary>Adds a host reached through the test sshd, with its own variables.</summary>
    public LoopbackInventory Add(string name, Dictionary<string, object>? variables = null)
    {
        variables ??= [];
        variables["ansible_host"] = "127.0.0.1";
        variables["ansible_port"] = sshd.Port;
        _hosts[name] = variables;
        return this;
    }

    /// <summary>Adds a host nobody answers for: a port on 127.0.0.1 where nothing listens.</summary>
    public LoopbackInventory AddUnreachable(string name)
    {
        _hosts[name] = new Dictionary<string, object> { ["ansible_host"] = "127.0.0.1", ["ansible_port"] = LoopbackPort.Free() };
        return this;
    }

    /// <summary>What ansible-playbook -i reads (as JSON, which its YAML inventory plugin takes).</summary>
    public Dictionary<string, object> ToInventory() => new()
    {
        ["all"] = new Dictionary<string, object>
        {
            ["hosts"] = _hosts,
            ["vars"] = new Dictionary<string, object>
            {
                ["ansible_user"] = Environment.UserName,
                ["ansible_ssh_private_key_file"] = sshd.ClientKey,
                ["ansible_ssh_common_args"] = $"-o UserKnownHostsFile={sshd.KnownHosts} -o StrictHostKeyChecking=yes -o ConnectTimeout=10",
                ["ansible_python_interpreter"] = "/usr/bin/python3",
            },
        },
    };
}
