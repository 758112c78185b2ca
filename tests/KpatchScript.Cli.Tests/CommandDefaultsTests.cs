using System.Text.Json;
using KpatchScript.TestFixtures;
using static KpatchScript.TestFixtures.DnfLab;

namespace KpatchScript.Cli.Tests;

/// <summary>The configuration keys target and install_root: option defaults for hosts looked at through a tree.</summary>
public sealed class CommandDefaultsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-defaults-").FullName;

    private string Config => Path.Combine(_directory, "config.json");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Read_commands_and_scripts_without_target_read_the_configured_target_and_an_explicit_target_still_wins()
    {
        var root = SysrootFixtures.Get(SysrootFixtures.OneEnabledPatch);
        File.WriteAllText(Config, JsonSerializer.Serialize(new Dictionary<string, string> { ["target"] = "sysroot:" + root }));

        var status = CliRunner.RunWithConfig(Config, "status", "--json");
        var report = CliRunner.RunWithConfig(Config, "report", "--format", "json");
        var verify = CliRunner.RunWithConfig(Config, "verify", "--json");
        var other = CliRunner.RunWithConfig(Config, "status", "--json", "--target", "sysroot:" + SysrootFixtures.Get(SysrootFixtures.LabStalled));
        var alerts = CliRunner.RunWithConfig(Config, "alerts", "--dry-run", "--json");
        // A script writes to the process's console: run it as a process.
        var script = await KpatchScriptCli.RunAsync(["eval", "--no-cache", "using KpatchScript; WriteLine(Kpatch.Connect().Target);"],
            new Dictionary<string, string> { ["KPATCH_SCRIPT_CONFIG"] = Config }, _directory);

        Assert.Equal((0, ""), (status.ExitCode, status.Error));
        Assert.Equal("rhel92-web01", JsonDocument.Parse(status.Out).RootElement.GetProperty("host").GetProperty("hostname").GetString());
        Assert.Equal((0, ""), (report.ExitCode, report.Error));
        Assert.Equal("sysroot:" + root, JsonDocument.Parse(report.Out).RootElement.GetProperty("target").GetString());
        Assert.Equal("sysroot:" + root, JsonDocument.Parse(verify.Out).RootElement.GetProperty("target").GetString());
        Assert.Equal("sysroot:" + SysrootFixtures.Get(SysrootFixtures.LabStalled), JsonDocument.Parse(other.Out).RootElement.GetProperty("target").GetString());
        Assert.Equal((0, ""), (alerts.ExitCode, alerts.Error));
        Assert.Contains("rhel92-web01", alerts.Out, StringComparison.Ordinal);
        Assert.Equal((0, "sysroot:" + root + "\n", ""), (script.ExitCode, script.StandardOutput, script.StandardError));
    }

    [Fact]
    public void A_relative_sysroot_target_is_relative_to_the_configuration_file()
    {
        SysrootFixtures.Materialize(SysrootFixtures.LabLoaded, Path.Combine(_directory, "hosts", "lab"));
        File.WriteAllText(Config, """{ "target": "sysroot:hosts/lab" }""");

        var status = CliRunner.RunWithConfig(Config, "status", "--json");

        Assert.Equal((0, ""), (status.ExitCode, status.Error));
        Assert.Equal("sysroot:" + Path.Combine(_directory, "hosts", "lab"), JsonDocument.Parse(status.Out).RootElement.GetProperty("target").GetString());
    }

    [Fact]
    public void A_fleet_report_is_not_disturbed_by_a_configured_target()
    {
        var fleet = Directory.CreateDirectory(Path.Combine(_directory, "fleet")).FullName;
        File.WriteAllText(Path.Combine(fleet, "web01.json"), CliRunner.Run("status", "--json", "--target", "sysroot:" + SysrootFixtures.Get(SysrootFixtures.OneEnabledPatch)).Out);
        File.WriteAllText(Config, JsonSerializer.Serialize(new Dictionary<string, string> { ["target"] = "sysroot:" + SysrootFixtures.Get(SysrootFixtures.LabLoaded) }));

        var report = CliRunner.RunWithConfig(Config, "report", "--fleet", fleet, "--format", "json");

        Assert.Equal((0, ""), (report.ExitCode, report.Error));
    }

    [Theory]
    [InlineData("{ \"target\": \"sysroot:\" }", "target must be \"local\", \"sysroot:DIR\" or \"ssh://USER@HOST[:PORT]\", not \"sysroot:\"")]
    [InlineData("{ \"target\": \"web01\" }", "target must be \"local\", \"sysroot:DIR\" or \"ssh://USER@HOST[:PORT]\", not \"web01\"")]
    [InlineData("{ \"install_root\": \"\" }", "install_root must be a non-empty string, not \"\"")]
    [InlineData("{ \"workflows_directory\": 7 }", "workflows_directory must be a non-empty string, not 7")]
    public void A_bad_default_stops_every_command_with_one_line(string content, string expected)
    {
        File.WriteAllText(Config, content);

        var outcome = CliRunner.RunWithConfig(Config, "journal");

        Assert.Equal((1, "", $"kpatch-script: error: configuration {Config}: {expected}\n"), (outcome.ExitCode, outcome.Out, outcome.Error));
    }

    [Fact]
    public void Package_commands_act_on_the_configured_install_root_for_the_kernel_release_it_carries()
    {
        // A host that is a tree: a dnf installroot that carries the kernel release it stands for,
        // read as a sysroot by the read commands (as the Cockpit panel's tests set it up).
        var root = NewInstallRoot();
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "proc/sys/kernel"));
            File.WriteAllText(Path.Combine(root, "proc/sys/kernel/osrelease"), Kernel362 + "\n");
            InstallDirectly(root, "kernel-core-5.14.0-362.8.1.el9_3.x86_64");
            File.WriteAllText(Config, JsonSerializer.Serialize(new Dictionary<string, string> { ["install_root"] = root, ["target"] = "sysroot:" + root }));

            var dryRun = CliRunner.RunWithConfig(Config, "install", "--dry-run");
            var before = CliRunner.RunWithConfig(Config, "available", "--json");
            var checkedStatus = CliRunner.RunWithConfig(Config, "status", "--json", "--check-updates");
            var checkedReport = CliRunner.RunWithConfig(Config, "report", "--format", "json", "--check-updates");
            var install = CliRunner.RunWithConfig(Config, "install", "--json");
            var journal = CliRunner.RunWithConfig(Config, "journal", "--json");
            var reportAfter = CliRunner.RunWithConfig(Config, "report", "--format", "json");
            var status = CliRunner.RunWithConfig(Config, "status", "--json");

            Assert.Equal((0, ""), (dryRun.ExitCode, dryRun.Error));
            Assert.Contains($"--installroot={root} --assumeyes install 'kpatch-patch = {Kernel362}'", dryRun.Out, StringComparison.Ordinal);
            Assert.Equal((0, ""), (before.ExitCode, before.Error));
            var offered = Assert.Single(JsonDocument.Parse(before.Out).RootElement.GetProperty("available").EnumerateArray());
            Assert.Equal((PatchName(Kernel362), true), (offered.GetProperty("name").GetString(), offered.GetProperty("for_running_kernel").GetBoolean()));
            // The tree cannot run dnf, but as the install root it is asked with --installroot: the same update as 'available'.
            Assert.Equal((0, ""), (checkedStatus.ExitCode, checkedStatus.Error));
            var update = Assert.Single(JsonDocument.Parse(checkedStatus.Out).RootElement.GetProperty("coverage").GetProperty("updates").EnumerateArray());
            Assert.Equal(JsonSerializer.Serialize(offered), JsonSerializer.Serialize(update));
            Assert.Contains(JsonDocument.Parse(checkedReport.Out).RootElement.GetProperty("verdict").GetProperty("reasons").EnumerateArray(),
                r => r.GetProperty("code").GetString() == "update-available");
            Assert.Equal((0, ""), (install.ExitCode, install.Error));
            Assert.Equal(["kernel-core-5.14.0-362.8.1.el9_3.x86_64", $"{PatchName(Kernel362)}-1-2.el9_3.x86_64"], InstalledPackages(root));
            var entry = Assert.Single(JsonDocument.Parse(journal.Out).RootElement.GetProperty("entries").EnumerateArray());
            Assert.Equal(("install", "succeeded", Kernel362), (entry.GetProperty("operation").GetString(), entry.GetProperty("outcome").GetString(), entry.GetProperty("kernel_release").GetString()));
            // The report (so the Cockpit panel) shows the journal the install wrote: the tree's, one per host.
            var reported = Assert.Single(JsonDocument.Parse(reportAfter.Out).RootElement.GetProperty("journal").GetProperty("entries").EnumerateArray());
            Assert.Equal(entry.GetProperty("id").GetString(), reported.GetProperty("id").GetString());
            var package = Assert.Single(JsonDocument.Parse(status.Out).RootElement.GetProperty("packages").EnumerateArray());
            Assert.Equal(
                (PatchName(Kernel362), Kernel362, "CVE-2023-1001, CVE-2023-1002"),
                (package.GetProperty("name").GetString(), package.GetProperty("kernel_release").GetString(), string.Join(", ", package.GetProperty("cves").EnumerateArray().Select(c => c.GetString()))));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void An_explicit_kernel_and_installroot_win_over_the_configured_ones()
    {
        var configured = NewInstallRoot();
        var given = NewInstallRoot();
        try
        {
            Directory.CreateDirectory(Path.Combine(configured, "proc/sys/kernel"));
            File.WriteAllText(Path.Combine(configured, "proc/sys/kernel/osrelease"), Kernel362 + "\n");
            File.WriteAllText(Config, JsonSerializer.Serialize(new Dictionary<string, string> { ["install_root"] = configured }));

            var kernel = CliRunner.RunWithConfig(Config, "install", "--dry-run", "--kernel", Kernel284);
            var root = CliRunner.RunWithConfig(Config, "install", "--dry-run", "--installroot", given, "--kernel", Kernel427);

            Assert.Contains($"--installroot={configured} --assumeyes install 'kpatch-patch = {Kernel284}'", kernel.Out, StringComparison.Ordinal);
            Assert.Contains($"--installroot={given} --assumeyes install 'kpatch-patch = {Kernel427}'", root.Out, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(configured, recursive: true);
            Directory.Delete(given, recursive: true);
        }
    }
}
