using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using KpatchScript.TestFixtures;

namespace KpatchScript.Benchmarks;

/// <summary>
/// The Ansible status playbook at fleet size (issue 19): 200 inventory names for this machine's
/// test sshd on 127.0.0.1, each host's kpatch-script (the published CLI) reading a captured tree,
/// 10 forks, then the fleet report on the controller. Informational: the wall time, and what one
/// host costs (wall time x forks / hosts, the time a fork spends per host), against the same
/// playbook over 10 hosts measured in the same run.
/// </summary>
internal static class FleetPlaybook
{
    private const int Hosts = 200;
    private const int Forks = 10;

    public static IEnumerable<string> Run(string cli)
    {
        using var playbooks = AnsiblePlaybooks.Running(cli);
        using var sshd = new SshServer();
        var tree = "sysroot:" + SysrootFixtures.Get(SysrootFixtures.OneEnabledPatch);
        var small = Measure(playbooks, sshd, tree, Forks);
        var large = Measure(playbooks, sshd, tree, Hosts);
        yield return string.Create(CultureInfo.InvariantCulture,
            $"status playbook, {Hosts} hosts, {Forks} forks (informational): {large.TotalSeconds:0.0} s, {large.TotalSeconds * Forks / Hosts:0.00} s per host per fork; {Forks} hosts: {small.TotalSeconds:0.0} s");
    }

    private static TimeSpan Measure(AnsiblePlaybooks playbooks, SshServer sshd, string tree, int hosts)
    {
        var run = Directory.CreateTempSubdirectory("kps-bench-playbook-").FullName;
        try
        {
            var inventory = new LoopbackInventory(sshd);
            for (var i = 0; i < hosts; i++)
            {
                inventory.Add($"h{i:D3}", new() { ["kpatch_script_target"] = tree });
            }

            var clock = Stopwatch.StartNew();
            var result = playbooks.Play("status", inventory.ToInventory(), playbooks.Variables(), run, "--forks", Forks.ToString(CultureInfo.InvariantCulture));
            clock.Stop();
            using var fleet = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "kpatch-fleet", "fleet.json")));
            // Every name reads the same tree, so one host name: one host shown, the others listed as its duplicates.
            var reported = fleet.RootElement.GetProperty("hosts").GetArrayLength() + fleet.RootElement.GetProperty("duplicates").GetArrayLength();
            return result.ExitCode == 0 && reported == hosts
                ? clock.Elapsed
                : throw new InvalidOperationException($"the status playbook over {hosts} hosts exited {result.ExitCode} with {reported} hosts reported: {result.StandardOutput}{result.StandardError}");
        }
        finally
        {
            Directory.Delete(run, recursive: true);
        }
    }
}
