using KpatchScript.TestFixtures;

namespace KpatchScript.Ansible.Tests;

/// <summary>
/// The rollout playbook over real ssh, with real dnf installing from the test repository: one
/// host at a time, each host's packages in an installroot of its own (the kernel it runs named by
/// its proc/sys/kernel/osrelease), its verdict read from a captured tree (kpatch_script_target), so
/// that the second host is not covered after its change and the rollout stops there.
/// </summary>
public sealed class RolloutPlaybookTests : IClassFixture<AnsiblePlaybooks>, IDisposable
{
    private readonly AnsiblePlaybooks _collection;
    private readonly SshServer _sshd = new();
    private readonly string _run = Directory.CreateTempSubdirectory("kps-ansible-rollout-").FullName;
    private readonly List<string> _roots = [];

    public RolloutPlaybookTests(AnsiblePlaybooks collection) => _collection = collection;

    public void Dispose()
    {
        _sshd.Dispose();
        Directory.Delete(_run, recursive: true);
        _roots.ForEach(root => Directory.Delete(root, recursive: true));
    }

    [Fact]
    public void Check_shows_every_host_s_dnf_commands_and_changes_nothing()
    {
        var (inventory, roots) = ThreeHosts();

        var result = _collection.Play("rollout", inventory.ToInventory(), _collection.Variables(), _run, "--check");

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.All(roots, root => Assert.Empty(DnfLab.InstalledPackages(root)));
        foreach (var kernel in new[] { DnfLab.Kernel284, DnfLab.Kernel362, DnfLab.Kernel427 })
        {
            Assert.Contains($"kpatch-patch = {kernel}", result.StandardOutput, StringComparison.Ordinal);
        }

        // Nothing is verified under --check: r2 would be not covered, and every host passed.
        Assert.DoesNotContain("is not covered", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(result.StandardOutput, @"r\d\s+: ok=\d+\s+changed=0\s+unreachable=0\s+failed=0"));
    }

    [Fact]
    public void Installs_host_by_host_and_stops_at_the_first_that_is_not_covered_afterwards()
    {
        var (inventory, roots) = ThreeHosts();

        var result = _collection.Play("rollout", inventory.ToInventory(), _collection.Variables(), _run);

        // 2: a host failed (its verification), and the rollout stopped.
        Assert.True(result.ExitCode == 2, result.StandardOutput + result.StandardError);
        Assert.Equal([DnfLab.PatchName(DnfLab.Kernel284) + "-1-3.el9_2.x86_64"], Patches(roots[0]));
        Assert.Equal([DnfLab.PatchName(DnfLab.Kernel362) + "-1-2.el9_3.x86_64"], Patches(roots[1]));
        Assert.Empty(DnfLab.InstalledPackages(roots[2]));
        Assert.Contains("is not covered", result.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"r2\s+: ok=\d+\s+changed=\d+\s+unreachable=0\s+failed=1", result.StandardOutput);
        Assert.DoesNotMatch(@"r3\s+: ok=[1-9]", result.StandardOutput);
    }

    /// <summary>
    /// r1 runs 284 and is judged as lab-loaded (action needed: it passes); r2 runs 362 and is judged
    /// as lab-stalled (not covered: the rollout stops); r3 runs 427 and must never be changed.
    /// </summary>
    private (LoopbackInventory Inventory, string[] Roots) ThreeHosts()
    {
        var hosts = new[] { ("r1", DnfLab.Kernel284, SysrootFixtures.LabLoaded), ("r2", DnfLab.Kernel362, SysrootFixtures.LabStalled), ("r3", DnfLab.Kernel427, SysrootFixtures.LabLoaded) };
        var inventory = new LoopbackInventory(_sshd);
        var roots = new List<string>();
        foreach (var (name, kernel, judgedAs) in hosts)
        {
            var root = DnfLab.NewInstallRoot();
            _roots.Add(root);
            Directory.CreateDirectory(Path.Combine(root, "proc/sys/kernel"));
            File.WriteAllText(Path.Combine(root, "proc/sys/kernel/osrelease"), kernel + "\n");
            inventory.Add(name, new()
            {
                ["kpatch_script_installroot"] = root,
                ["kpatch_script_target"] = "sysroot:" + SysrootFixtures.Get(judgedAs),
            });
            roots.Add(root);
        }

        return (inventory, [.. roots]);
    }

    private static List<string> Patches(string root) => [.. DnfLab.InstalledPackages(root).Where(p => p.StartsWith("kpatch-patch", StringComparison.Ordinal))];
}
