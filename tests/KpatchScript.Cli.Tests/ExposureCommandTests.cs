using System.Text.Json;
using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests;

/// <summary>
/// The exposure through the commands: a mirror of our VEX fixtures (tests/KpatchScript.Core.Tests/Exposure/Vex)
/// configured as vex_directory, the captured hosts rhel9-kpatch-dnf (rhel94-app03, 9.4 kernel, live
/// patched, 9.5 kernel installed) and rhel9-covered (rhel96-db01, 9.6 kernel).
/// </summary>
public sealed class ExposureCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-exposure-cli-").FullName;

    public ExposureCommandTests()
    {
        var mirror = Directory.CreateDirectory(Path.Combine(_directory, "vex", "2024")).FullName;
        foreach (var file in Directory.GetFiles(RepositoryPaths.Combine("tests", "KpatchScript.Core.Tests", "Exposure", "Vex"), "*.json"))
        {
            File.Copy(file, Path.Combine(mirror, Path.GetFileName(file)));
        }

        File.WriteAllText(Config, """{ "vex_directory": "vex", "cache_directory": "cache" }""");
    }

    private string Config => Path.Combine(_directory, "config.json");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Sysroot(string fixture) => "sysroot:" + SysrootFixtures.Get(fixture);

    [Fact]
    public void Exposure_lists_each_cve_worst_first_and_a_cve_asked_for()
    {
        var all = CliRunner.RunWithConfig(Config, "exposure", "--target", Sysroot(SysrootFixtures.Rhel9KpatchDnf));
        var one = CliRunner.RunWithConfig(Config, "exposure", "--cve", "CVE-2024-41009", "--cve", "CVE-2024-50002", "--target", Sysroot(SysrootFixtures.Rhel9KpatchDnf));

        Assert.Equal((0, ""), (all.ExitCode, all.Error));
        var lines = all.Out.Split('\n');
        Assert.Equal($"Kernel 5.14.0-427.13.1.el9_4.x86_64 against 9 VEX document(s) in {Path.Combine(_directory, "vex")}:", lines[0]);
        Assert.Equal("  fix available 2, no fix yet 1, fixed after reboot 1, fixed live 2, not affected 2", lines[1]);
        Assert.Equal("CVE-2024-41009    fix available       Important  kernel-5.14.0-427.31.1.el9_4  https://access.redhat.com/errata/RHSA-2024:5928", lines[2]);
        Assert.Equal(
            ["CVE-2024-41009", "CVE-2024-42284", "CVE-2024-50001", "CVE-2024-36971", "CVE-2024-1086", "CVE-2024-35001"],
            lines[2..^1].Select(l => l.Split(' ')[0]));
        Assert.Equal((0, 5), (one.ExitCode, one.Out.Split('\n').Length));
        Assert.EndsWith("CVE-2024-50002    not listed: not affected, or no VEX document names this host's kernel stream for it\n", one.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_json_carries_the_exposure_and_the_verdict_its_reason()
    {
        var status = CliRunner.RunWithConfig(Config, "status", "--json", "--target", Sysroot(SysrootFixtures.Rhel9KpatchDnf));
        var json = CliRunner.RunWithConfig(Config, "exposure", "--json", "--cve", "CVE-2024-42284", "--target", Sysroot(SysrootFixtures.Rhel9KpatchDnf));

        Assert.Equal((0, ""), (status.ExitCode, status.Error));
        Assert.Empty(JsonSchemaFile.Status.Errors(status.Out));
        var root = JsonDocument.Parse(status.Out).RootElement;
        Assert.Equal(2, root.GetProperty("exposure").GetProperty("counts").GetProperty("fix_available").GetInt32());
        Assert.Contains(root.GetProperty("verdict").GetProperty("reasons").EnumerateArray(), r => r.GetProperty("code").GetString() == "cves-exposed");
        var only = Assert.Single(JsonDocument.Parse(json.Out).RootElement.GetProperty("exposure").GetProperty("cves").EnumerateArray());
        Assert.Equal(("fix available", "Critical", "kpatch-patch-5_14_0-427_13_1-1-3.el9_4"),
            (only.GetProperty("state").GetString(), only.GetProperty("severity").GetString(), only.GetProperty("fixed_by").GetString()));
    }

    [Fact]
    public void The_fleet_report_names_per_cve_the_hosts_in_each_state()
    {
        var fleet = Directory.CreateDirectory(Path.Combine(_directory, "fleet")).FullName;
        foreach (var fixture in new[] { SysrootFixtures.Rhel9KpatchDnf, SysrootFixtures.Rhel9Covered })
        {
            File.WriteAllText(Path.Combine(fleet, fixture + ".json"), CliRunner.RunWithConfig(Config, "status", "--json", "--target", Sysroot(fixture)).Out);
        }

        var report = CliRunner.RunWithConfig(Config, "report", "--fleet", fleet, "--format", "json");

        Assert.Equal((0, ""), (report.ExitCode, report.Error));
        Assert.Empty(JsonSchemaFile.FleetReport.Errors(report.Out));
        var cves = JsonDocument.Parse(report.Out).RootElement.GetProperty("cves").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        string[] Hosts(string cve, string state) => [.. cves[cve].GetProperty(state).EnumerateArray().Select(h => h.GetString()!)];
        Assert.Equal(["rhel94-app03", "rhel96-db01"], Hosts("CVE-2024-50001", "no_fix_yet"));
        Assert.Equal(2, cves["CVE-2024-50001"].GetProperty("exposed").GetInt32());
        Assert.Equal(["rhel94-app03"], Hosts("CVE-2024-41009", "fix_available"));
        Assert.Equal(["rhel94-app03"], Hosts("CVE-2024-36971", "fixed_after_reboot"));
        Assert.Equal(["rhel94-app03"], Hosts("CVE-2024-1086", "fixed_live"));
        Assert.Equal(["rhel94-app03"], Hosts("CVE-2024-35001", "fixed_live"));
        Assert.Empty(Hosts("CVE-2024-41009", "no_fix_yet"));
        // Not affected anywhere (known not affected; fixed in the running kernel; RHEL 8 only): not listed as a CVE of the fleet.
        Assert.DoesNotContain("CVE-2024-50002", cves.Keys);
        Assert.DoesNotContain("CVE-2023-52000", cves.Keys);
        Assert.DoesNotContain("CVE-2024-50003", cves.Keys);
    }

    [Fact]
    public void Without_a_mirror_exposure_says_not_configured_and_fails()
    {
        File.WriteAllText(Config, "{}");

        var outcome = CliRunner.RunWithConfig(Config, "exposure", "--target", Sysroot(SysrootFixtures.Rhel9KpatchDnf));
        var typo = CliRunner.RunWithConfig(Config, "exposure", "--cve", "2024-1086");

        Assert.Equal((1, "", "kpatch-script: error: exposure unknown: not configured: set vex_directory to a mirror of Red Hat's CSAF VEX documents\n"), (outcome.ExitCode, outcome.Out, outcome.Error));
        Assert.Equal((2, "kpatch-script: error: --cve takes a CVE id like CVE-2024-26581, not '2024-1086'\n"), (typo.ExitCode, typo.Error));
    }
}
