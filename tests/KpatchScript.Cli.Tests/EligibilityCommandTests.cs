using System.Text.Json;
using KpatchScript.TestFixtures;
using static KpatchScript.TestFixtures.DnfLab;

namespace KpatchScript.Cli.Tests;

/// <summary>
/// Eligibility through the commands, against real dnf: a host that is a tree (the configured
/// target and install_root, as the Cockpit panel's hosts) on the errata kernel of the lab's
/// eligibility repository. What status --json and report --format json carry for the panel.
/// </summary>
public sealed class EligibilityCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-eligibility-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string HostOn(string kernel)
    {
        var root = Path.Combine(_directory, "host");
        PrepareInstallRoot(root, "file://" + EligibilityRepositoryPath);
        Directory.CreateDirectory(Path.Combine(root, "proc/sys/kernel"));
        File.WriteAllText(Path.Combine(root, "proc/sys/kernel/osrelease"), kernel + "\n");
        File.WriteAllText(Path.Combine(root, "proc/version"), $"Linux version {kernel} (mockbuild@example.com) #1 SMP PREEMPT_DYNAMIC Tue May 28 10:00:00 UTC 2024\n");
        var config = Path.Combine(_directory, "config.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new Dictionary<string, string> { ["install_root"] = root, ["target"] = "sysroot:" + root }));
        return config;
    }

    [Fact]
    public void Status_report_and_available_say_an_errata_kernel_gets_no_live_patches_and_name_the_kernel_to_install()
    {
        var config = HostOn(ErrataKernel);

        var status = CliRunner.RunWithConfig(config, "status", "--json", "--check-updates");
        var report = CliRunner.RunWithConfig(config, "report", "--format", "json", "--check-updates");
        var available = CliRunner.RunWithConfig(config, "available");
        var availableJson = CliRunner.RunWithConfig(config, "available", "--json");
        var notAsked = CliRunner.RunWithConfig(config, "status", "--json");

        Assert.Equal(("", ""), (status.Error, report.Error));
        Assert.Empty(JsonSchemaFile.Status.Errors(status.Out));
        var kernel = JsonDocument.Parse(status.Out).RootElement.GetProperty("kernel");
        var eligibility = kernel.GetProperty("eligibility");
        Assert.Equal(
            (ErrataKernel, false, 0, JsonValueKind.Null, PlaceholderKernel),
            (eligibility.GetProperty("kernel").GetString(), eligibility.GetProperty("eligible").GetBoolean(), eligibility.GetProperty("packages").GetArrayLength(),
             eligibility.GetProperty("first_package_built").ValueKind, eligibility.GetProperty("newest_eligible_kernel").GetString()));
        Assert.Contains("is not kpatch-eligible", kernel.GetProperty("support_window").GetProperty("unknown").GetString(), StringComparison.Ordinal);
        var verdict = JsonDocument.Parse(report.Out).RootElement.GetProperty("verdict");
        Assert.Equal("not covered", verdict.GetProperty("state").GetString());
        Assert.Contains(verdict.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("code").GetString() == "kernel-not-eligible"
            && r.GetProperty("text").GetString()!.Contains($"install kernel {PlaceholderKernel}", StringComparison.Ordinal));
        Assert.Equal((0, $"Kernel {ErrataKernel} gets no live patches (not kpatch-eligible): install kernel {PlaceholderKernel}, the newest kpatch-eligible kernel in the enabled repositories, and reboot into it.\nNo newer live patches are available.\n"),
            (available.ExitCode, available.Out));
        Assert.Empty(JsonSchemaFile.Available.Errors(availableJson.Out));
        Assert.False(JsonDocument.Parse(availableJson.Out).RootElement.GetProperty("eligibility").GetProperty("eligible").GetBoolean());

        // Not asked: no answer and no reason, and the window is the estimate that says so.
        var plain = JsonDocument.Parse(notAsked.Out).RootElement;
        Assert.StartsWith("not checked", plain.GetProperty("kernel").GetProperty("eligibility").GetProperty("unknown").GetString(), StringComparison.Ordinal);
        Assert.Equal(("estimate", true), (plain.GetProperty("kernel").GetProperty("support_window").GetProperty("source").GetString(), plain.GetProperty("kernel").GetProperty("support_window").GetProperty("estimate").GetBoolean()));
        Assert.DoesNotContain(plain.GetProperty("verdict").GetProperty("reasons").EnumerateArray(), r => r.GetProperty("code").GetString()!.Contains("eligib", StringComparison.Ordinal));
    }
}
