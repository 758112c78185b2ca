using System.Text.Json;
using KpatchScript.TestFixtures;
using static KpatchScript.TestFixtures.DnfLab;

namespace KpatchScript.Cli.Tests;

/// <summary>remove and downgrade, in-process and as the real executable, against real dnf in an installroot.</summary>
public sealed class RevertCommandTests : IDisposable
{
    private const string Unchanged = "the running kernel is unchanged: a loaded live patch stays live until reboot (or an acknowledged 'kpatch-script unload PATCH --i-understand-this-is-unsupported')";

    private readonly string _root = NewInstallRoot();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string Nevra(string release) => $"{PatchName(Kernel284)}-1-{release}.el9_2.x86_64";

    [Fact]
    public void A_dry_run_prints_the_exact_command_and_what_stays_and_changes_nothing()
    {
        InstallDirectly(_root, Nevra("3"));
        var before = RpmDatabaseDigest(_root);

        var remove = CliRunner.Run("remove", "--dry-run", "--installroot", _root, "--kernel", Kernel284);
        var downgrade = CliRunner.Run("downgrade", "--dry-run", "--to", "1-1.el9_2", "--installroot", _root, "--kernel", Kernel284);

        Assert.Equal(
            (0, $"Dry run: remove would run, on local:\n  dnf --setopt=skip_if_unavailable=False --installroot={_root} --assumeyes remove 'kpatch-patch = {Kernel284}'\n" +
                $"would remove {PatchName(Kernel284)} 1-3.el9_2; {Unchanged}; at the next boot no live patch from this package loads\nNothing was changed.\n", ""),
            (remove.ExitCode, remove.Out, remove.Error));
        Assert.Equal(
            (0, $"Dry run: downgrade would run, on local:\n  dnf --setopt=skip_if_unavailable=False --installroot={_root} --assumeyes downgrade {Nevra("1")}\n" +
                $"would downgrade {PatchName(Kernel284)} 1-3.el9_2; {Unchanged}; at the next boot kpatch.service loads the older module\nNothing was changed.\n", ""),
            (downgrade.ExitCode, downgrade.Out, downgrade.Error));
        Assert.Equal(before, RpmDatabaseDigest(_root));
        Assert.False(File.Exists(Path.Combine(_root, "var/log/kpatch-script/journal.jsonl")));
    }

    [Fact]
    public void Downgrade_and_remove_in_json_follow_the_schema_and_carry_the_rule_in_detail()
    {
        InstallDirectly(_root, Nevra("3"));

        var downgrade = CliRunner.Run("downgrade", "--json", "--installroot", _root, "--kernel", Kernel284);
        var installed = InstalledPackages(_root);
        var remove = CliRunner.Run("remove", "--json", "--installroot", _root, "--kernel", Kernel284);

        Assert.Equal((0, ""), (downgrade.ExitCode, downgrade.Error));
        Assert.Empty(JsonSchemaFile.OperationResult.Errors(downgrade.Out));
        var document = JsonDocument.Parse(downgrade.Out).RootElement;
        Assert.Equal(("downgrade", "succeeded"), (document.GetProperty("operation").GetString(), document.GetProperty("outcome").GetString()));
        Assert.Equal($"downgraded {PatchName(Kernel284)} 1-3.el9_2 to 1-2.el9_2; {Unchanged}; at the next boot kpatch.service loads the older module", document.GetProperty("detail").GetString());
        Assert.Equal([Nevra("2")], installed);
        Assert.Equal((0, ""), (remove.ExitCode, remove.Error));
        Assert.Empty(JsonSchemaFile.OperationResult.Errors(remove.Out));
        Assert.Equal("remove", JsonDocument.Parse(remove.Out).RootElement.GetProperty("operation").GetString());
        Assert.Empty(InstalledPackages(_root));
    }

    [Fact]
    public void Failures_are_one_line_with_exit_1_and_a_wrong_version_is_a_wrong_command_line()
    {
        var notInstalled = CliRunner.Run("remove", "--installroot", _root, "--kernel", Kernel284);
        var notInstalledJson = CliRunner.Run("downgrade", "--json", "--installroot", _root, "--kernel", Kernel284);
        InstallDirectly(_root, Nevra("1"));
        var nothingOlder = CliRunner.Run("downgrade", "--installroot", _root, "--kernel", Kernel284);
        var badVersion = CliRunner.Run("downgrade", "--to", "1-1.el9_2 x", "--installroot", _root, "--kernel", Kernel284);

        Assert.Equal(
            (1, "", $"kpatch-script: error: no kpatch-patch package is installed for {Kernel284}: there is nothing to remove; 'kpatch-script status' lists the installed ones\n"),
            (notInstalled.ExitCode, notInstalled.Out, notInstalled.Error));
        Assert.Equal(1, notInstalledJson.ExitCode);
        Assert.Empty(JsonSchemaFile.OperationResult.Errors(notInstalledJson.Out));
        Assert.Equal(
            (1, "", $"kpatch-script: error: dnf downgrade: nothing older than {PatchName(Kernel284)} 1-1.el9_2 is in the enabled repositories: there is nothing to downgrade to; nothing was changed\n"),
            (nothingOlder.ExitCode, nothingOlder.Out, nothingOlder.Error));
        Assert.Equal(
            (2, "kpatch-script: error: --to needs a package version-release such as 1-2.el9_2 (with an epoch, 1:1.0-1.el9_5), not '1-1.el9_2 x'\n"),
            (badVersion.ExitCode, badVersion.Error));
        Assert.Equal([Nevra("1")], InstalledPackages(_root));
    }

    [Fact]
    public void The_real_executable_downgrades_to_a_named_version_then_removes_and_journals_both()
    {
        InstallDirectly(_root, Nevra("3"));

        var downgrade = CliProcess.Finish(CliProcess.Start(null, "downgrade", "--to", "1-1.el9_2", "--installroot", _root, "--kernel", Kernel284));
        var afterDowngrade = InstalledPackages(_root);
        var remove = CliProcess.Finish(CliProcess.Start(null, "remove", "--installroot", _root, "--kernel", Kernel284));
        var journal = CliProcess.Finish(CliProcess.Start(null, "journal", "--json", "--installroot", _root));

        Assert.Equal((0, ""), (downgrade.ExitCode, downgrade.Error));
        Assert.StartsWith($"downgrade: done on local (", downgrade.Out, StringComparison.Ordinal);
        Assert.EndsWith($"\ndowngraded {PatchName(Kernel284)} 1-3.el9_2 to 1-1.el9_2; {Unchanged}; at the next boot kpatch.service loads the older module\n", downgrade.Out, StringComparison.Ordinal);
        Assert.Equal([Nevra("1")], afterDowngrade);
        Assert.Equal((0, ""), (remove.ExitCode, remove.Error));
        Assert.EndsWith($"\nremoved {PatchName(Kernel284)} 1-1.el9_2; {Unchanged}; at the next boot no live patch from this package loads\n", remove.Out, StringComparison.Ordinal);
        Assert.Empty(InstalledPackages(_root));
        Assert.Equal((0, ""), (journal.ExitCode, journal.Error));
        Assert.Empty(JsonSchemaFile.Journal.Errors(journal.Out));
        Assert.Equal(
            [("remove", "succeeded"), ("downgrade", "succeeded")],
            JsonDocument.Parse(journal.Out).RootElement.GetProperty("entries").EnumerateArray().Select(e => (e.GetProperty("operation").GetString(), e.GetProperty("outcome").GetString())));
    }

    [Fact]
    public void The_real_executable_refuses_to_remove_what_is_not_installed_with_one_line()
    {
        var (exitCode, stdout, stderr) = CliProcess.Finish(CliProcess.Start(null, "remove", "--installroot", _root, "--kernel", Kernel362));

        Assert.Equal(
            (1, "", $"kpatch-script: error: no kpatch-patch package is installed for {Kernel362}: there is nothing to remove; 'kpatch-script status' lists the installed ones\n"),
            (exitCode, stdout, stderr));
    }

    [Fact]
    public void A_scripts_dry_run_plans_remove_and_downgrade_and_changes_nothing()
    {
        InstallDirectly(_root, Nevra("3"));
        var before = RpmDatabaseDigest(_root);
        var script = Path.Combine(_root, "revert.csx");
        File.WriteAllText(script, """
            using KpatchScript;
            using KpatchScript.Operations;
            var kp = Kpatch.Connect();
            var options = new PackageOptions { InstallRoot = Args[0], KernelRelease = Args[1] };
            var remove = await kp.RemoveAsync(options, Kpatch.Cancellation);
            var downgrade = await kp.DowngradeAsync(options, "1-2.el9_2", Kpatch.Cancellation);
            return remove.Outcome == OperationOutcome.Planned && downgrade.Outcome == OperationOutcome.Planned ? 0 : 1;
            """);

        var run = CliRunner.Run("run", script, "--no-cache", "--dry-run", "--", _root, Kernel284);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.StartsWith(
            $"dry run: remove on local would:\n  dnf --setopt=skip_if_unavailable=False --installroot={_root} --assumeyes remove 'kpatch-patch = {Kernel284}'\n  would remove {PatchName(Kernel284)} 1-3.el9_2; {Unchanged}",
            run.Out, StringComparison.Ordinal);
        Assert.Contains($"dry run: downgrade on local would:\n  dnf --setopt=skip_if_unavailable=False --installroot={_root} --assumeyes downgrade {Nevra("2")}\n", run.Out, StringComparison.Ordinal);
        Assert.Equal(before, RpmDatabaseDigest(_root));
        Assert.False(File.Exists(Path.Combine(_root, "var/log/kpatch-script/journal.jsonl")));
    }

    [Fact]
    public void The_help_of_both_states_that_the_running_kernel_keeps_its_live_patch()
    {
        foreach (var verb in new[] { "remove", "downgrade" })
        {
            var help = CliRunner.Run(verb, "--help");

            Assert.Equal(0, help.ExitCode);
            Assert.Contains("Removing or downgrading the package does NOT change the running kernel: the loaded live\npatch stays live until reboot, or until an acknowledged\n'kpatch-script unload PATCH --i-understand-this-is-unsupported'", help.Out, StringComparison.Ordinal);
        }
    }
}
