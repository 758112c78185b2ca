using System.Text;
using System.Text.Json;
using KpatchScript.Scripting.Tests.Suite;
using KpatchScript.TestFixtures;

namespace KpatchScript.Scripting.Tests;

/// <summary>
/// The workflow scripts an admin starts from (scripts/*.csx and what <c>kpatch-script new</c>
/// writes), run through the real CLI against captured sysroots: fast, no VM, no dnf.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // kpatch is Linux only; the test checks Unix file modes
public sealed class WorkflowScriptTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-workflow-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task New_writes_an_executable_script_with_a_shebang_that_runs_against_a_sysroot()
    {
        var created = await KpatchScriptProcess.RunAsync(["new", "wf"], _directory);
        Assert.Equal(0, created.ExitCode);

        var path = Path.Combine(_directory, "wf.csx");
        var bytes = await File.ReadAllBytesAsync(path);
        // No BOM: the kernel only honours "#!" as the very first two bytes.
        Assert.StartsWith("#!/usr/bin/env kpatch-script\n", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.True(File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute));

        var run = await KpatchScriptProcess.RunAsync(["run", "wf.csx", "--target", Sysroot(SysrootFixtures.LabLoaded)], _directory);
        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Equal($"{Sysroot(SysrootFixtures.LabLoaded)}: kernel 6.1.0-56-amd64, 1 live patch(es)\n{Sysroot(SysrootFixtures.LabLoaded)} needs action: Verification warns: module-signature: the kernel marked lab_cmdline E when it loaded it: unsigned, or signed by a key the kernel does not trust (Red Hat's live patches are signed with a key RHEL kernels trust: find out where this one came from) (and 2 more).\n", run.StandardOutput);
    }

    /// <summary>One fixture per verdict: the report is rendered (exit 0) whatever the verdict; the page and the text say it.</summary>
    [Theory]
    [InlineData(SysrootFixtures.LabLoaded, "ACTION NEEDED", "<h2>Action needed</h2>")]
    [InlineData(SysrootFixtures.Rhel9KpatchDnf, "NOT COVERED", "<h2>Not covered</h2>")]
    [InlineData(SysrootFixtures.LabStalled, "NOT COVERED", "transition: lab_stall_patch in transition when captured")]
    public async Task Status_report_writes_the_html_report_and_prints_the_text(string fixture, string verdict, string inPage)
    {
        var result = await RunScriptAsync("status-report.csx", fixture);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.StartsWith($"{verdict}: ", result.StandardOutput, StringComparison.Ordinal);
        Assert.EndsWith($"report: {Path.Combine(_directory, "report.html")}\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(inPage, await File.ReadAllTextAsync(Path.Combine(_directory, "report.html")), StringComparison.Ordinal);
        Assert.Equal("", result.StandardError);
    }

    /// <summary>
    /// The README's main command, as written there, through the built CLI on this machine: it must
    /// exit 0 on a fresh Debian 12 machine without livepatch support ("not covered" is an answer).
    /// </summary>
    [Fact]
    public async Task The_readme_main_command_renders_a_report_for_this_machine()
    {
        const string Command = "dotnet run --project src/KpatchScript.Cli -c Release -- run scripts/status-report.csx";
        var readme = await File.ReadAllTextAsync(RepositoryPaths.Combine("README.md"));
        Assert.Contains($"| main job: the live patching report of this machine | `{Command}` |", readme, StringComparison.Ordinal);

        // What 'dotnet run --project src/KpatchScript.Cli -c Release --' starts is the built kpatch-script; it runs from the repository root.
        var arguments = Command[(Command.IndexOf("-- ", StringComparison.Ordinal) + 3)..].Split(' ').Select(a => a.EndsWith(".csx", StringComparison.Ordinal) ? RepositoryPaths.Combine(a.Split('/')) : a).ToList();
        var result = await KpatchScriptProcess.RunAsync([.. arguments, "--", Path.Combine(_directory, "report.html")], _directory);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Matches("^(COVERED|ACTION NEEDED|NOT COVERED): ", result.StandardOutput);
        var html = await File.ReadAllTextAsync(Path.Combine(_directory, "report.html"));
        Assert.Contains("<section class=\"verdict ", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_updates_dry_run_alerts_when_the_kernel_is_not_rpm_packaged()
    {
        // lab-loaded runs Debian's kernel: no kpatch-patch package can exist for it. The sysroot has no rpm database either,
        // so the repositories cannot be asked; the dry run still plans, and the plan is refused for the real reason.
        var result = await RunScriptAsync("apply-updates.csx", SysrootFixtures.LabLoaded, "--dry-run");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("installed: unknown (the sysroot has no rpm database", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("installed: no kpatch-patch", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("available: cannot ask the repositories (the sysroot has no rpm database", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("dry run: install on ", result.StandardOutput, StringComparison.Ordinal);
        Assert.StartsWith("ALERT: install failed on ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("is not an rpm-packaged (RHEL-family) kernel", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_updates_dry_run_plans_the_update_on_a_read_only_rhel_host()
    {
        // A sysroot cannot run dnf, so availability is unknown; the patch of the running kernel is installed, so the plan is an update.
        var result = await RunScriptAsync("apply-updates.csx", SysrootFixtures.Rhel9KpatchDnf, "--dry-run");

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Contains("installed: kpatch-patch-5_14_0-427_13_1-1-2.el9_4\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("  dnf --setopt=skip_if_unavailable=False --assumeyes update 'kpatch-patch = 5.14.0-427.13.1.el9_4.x86_64'\nupdate: planned, not run\n", result.StandardOutput, StringComparison.Ordinal);
        // A dry run shows the verdict it starts from; only a real run alerts on it.
        Assert.EndsWith("verify: warn\nverdict: not covered: rhel94-app03 is not covered: Live patch support for the running kernel ended on 2025-04-10, " +
            $"{DateOnly.FromDateTime(DateTime.UtcNow).DayNumber - new DateOnly(2025, 4, 10).DayNumber} days ago (estimate); update the kernel and reboot.\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("", result.StandardError);
    }

    [Fact]
    public async Task Apply_updates_without_dry_run_alerts_when_the_repositories_cannot_be_asked()
    {
        var result = await RunScriptAsync("apply-updates.csx", SysrootFixtures.Rhel9KpatchDnf);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("ALERT: cannot tell which live patches are available for ", result.StandardError, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 17: "cd scripts &amp;&amp; ./apply-updates.csx --dry-run --target sysroot:DIR" runs the file
    /// itself as a program (its '#!/usr/bin/env kpatch-script' line finds kpatch-script on PATH), and
    /// the options after the file are kpatch-script's, as in dotnet-script: a dry run against DIR.
    /// </summary>
    [Fact]
    public async Task Apply_updates_run_as_an_executable_file_is_a_dry_run_against_the_target_after_it()
    {
        var bin = KpatchScriptOnPath.Create(_directory);
        // The configured default target is another read-only tree, not this machine: should the
        // options ever reach the script again, the run lands there, and the assertions say so.
        var config = Path.Combine(_directory, "config.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new Dictionary<string, string> { ["target"] = Sysroot(SysrootFixtures.LabLoaded) }));
        var scripts = RepositoryPaths.Combine("scripts");
        var target = Sysroot(SysrootFixtures.Rhel9KpatchDnf);

        // env executes the file the way a shell does (execvp in the working directory), so the kernel reads its #! line.
        var result = await KpatchScriptProcess.RunProgramAsync(["env", "./apply-updates.csx", "--dry-run", "--target", target], scripts, bin, config);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.StartsWith($"{target}: running kernel 5.14.0-427.13.1.el9_4.x86_64 (dry run: nothing changes)\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"dry run: update on {target} would:\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("\nupdate: planned, not run\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("", result.StandardError);
    }

    private Task<KpatchScript.Host.CommandResult> RunScriptAsync(string script, string fixture, params string[] options) =>
        KpatchScriptProcess.RunAsync(["run", RepositoryPaths.Combine("scripts", script), "--target", Sysroot(fixture), .. options], _directory);

    private static string Sysroot(string fixture) => "sysroot:" + SysrootFixtures.Get(fixture);
}
