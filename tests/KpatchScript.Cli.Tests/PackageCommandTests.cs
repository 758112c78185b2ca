using System.Globalization;
using System.Text.Json;
using KpatchScript.TestFixtures;
using static KpatchScript.TestFixtures.DnfLab;

namespace KpatchScript.Cli.Tests;

/// <summary>The package verbs in-process, against real dnf in an installroot.</summary>
public sealed class PackageCommandTests : IDisposable
{
    private readonly string _root = NewInstallRoot();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Install_dry_run_prints_the_exact_command_and_installs_nothing()
    {
        var outcome = CliRunner.Run("install", "--dry-run", "--installroot", _root, "--kernel", Kernel362);

        Assert.Equal((0, ""), (outcome.ExitCode, outcome.Error));
        Assert.Equal(
            $"Dry run: install would run, on local:\n  dnf --setopt=skip_if_unavailable=False --installroot={_root} --assumeyes install 'kpatch-patch = {Kernel362}'\nNothing was changed.\n",
            outcome.Out);
        Assert.Empty(InstalledPackages(_root));
    }

    [Fact]
    public void Install_then_update_and_available_report_as_json_that_follows_the_schemas()
    {
        var install = CliRunner.Run("install", "--json", "--installroot", _root, "--kernel", Kernel284);
        var available = CliRunner.Run("available", "--json", "--installroot", _root, "--kernel", Kernel362);

        Assert.Equal((0, ""), (install.ExitCode, install.Error));
        Assert.Empty(JsonSchemaFile.OperationResult.Errors(install.Out));
        Assert.Equal("succeeded", JsonDocument.Parse(install.Out).RootElement.GetProperty("outcome").GetString());
        Assert.Equal((0, ""), (available.ExitCode, available.Error));
        Assert.Empty(JsonSchemaFile.Available.Errors(available.Out));
        var listed = JsonDocument.Parse(available.Out).RootElement.GetProperty("available");
        Assert.Equal(PatchName(Kernel362), Assert.Single(listed.EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public void The_journal_lists_each_real_operation_once_newest_first_and_follows_its_schema()
    {
        var install = CliRunner.Run("install", "--installroot", _root, "--kernel", Kernel284);
        var failed = CliRunner.Run("install", "--installroot", _root, "--kernel", "5.14.0-555.1.1.el9_5.x86_64");

        var journal = CliRunner.Run("journal", "--json", "--installroot", _root);

        Assert.Equal((0, 1), (install.ExitCode, failed.ExitCode));
        Assert.Equal((0, ""), (journal.ExitCode, journal.Error));
        Assert.Empty(JsonSchemaFile.Journal.Errors(journal.Out));
        var root = JsonDocument.Parse(journal.Out).RootElement;
        Assert.Equal(2, root.GetProperty("total").GetInt32());
        var entries = root.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(
            [("failed", "5.14.0-555.1.1.el9_5.x86_64"), ("succeeded", Kernel284)],
            entries.Select(e => (e.GetProperty("outcome").GetString(), e.GetProperty("kernel_release").GetString())));
        Assert.StartsWith("dnf install: no package in the enabled repositories provides it", entries[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("dnf", entries[1].GetProperty("commands")[0][0].GetString());

        var words = CliRunner.Run("journal", "--limit", "1", "--installroot", _root);

        Assert.Equal((0, ""), (words.ExitCode, words.Error));
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ  failed       install for 5\.14\.0-555\.1\.1\.el9_5\.x86_64 on local by \S+ in \d+\.\d s\n +error: dnf install: no package", words.Out);
        Assert.EndsWith("(1 of 2; --limit 0 shows all)\n", words.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Available_without_an_enabled_repository_fails_with_one_line_and_json_says_unknown()
    {
        InstallDirectly(_root, $"kernel-core-5.14.0-284.11.1.el9_2.x86_64"); // a host has an rpm database
        DisableRepository(_root);

        var words = CliRunner.Run("available", "--installroot", _root, "--kernel", Kernel284);
        var json = CliRunner.Run("available", "--json", "--installroot", _root, "--kernel", Kernel284);

        Assert.Equal(1, words.ExitCode);
        Assert.Equal("", words.Out);
        Assert.StartsWith("kpatch-script: error: dnf has no enabled repository, so it cannot tell which live patches exist", words.Error, StringComparison.Ordinal);
        Assert.Single(words.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(1, json.ExitCode);
        Assert.Empty(JsonSchemaFile.Available.Errors(json.Out));
        Assert.StartsWith("dnf has no enabled repository", JsonDocument.Parse(json.Out).RootElement.GetProperty("available").GetProperty("unknown").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Update_with_nothing_newer_says_already_up_to_date_in_words_and_json()
    {
        InstallDirectly(_root, $"{PatchName(Kernel284)}-1-3.el9_2.x86_64");

        var words = CliRunner.Run("update", "--installroot", _root, "--kernel", Kernel284);
        var json = CliRunner.Run("update", "--json", "--installroot", _root, "--kernel", Kernel284);

        Assert.Equal((0, $"update: nothing to do on local: already up to date: {PatchName(Kernel284)} 1-3.el9_2\n", ""), (words.ExitCode, words.Out, words.Error));
        Assert.Equal(0, json.ExitCode);
        Assert.Empty(JsonSchemaFile.OperationResult.Errors(json.Out));
        var root = JsonDocument.Parse(json.Out).RootElement;
        Assert.Equal(("unchanged", $"already up to date: {PatchName(Kernel284)} 1-3.el9_2"), (root.GetProperty("outcome").GetString(), root.GetProperty("detail").GetString()));
    }

    [Fact]
    public void Available_in_words_names_what_an_update_adds()
    {
        InstallDirectly(_root, $"{PatchName(Kernel284)}-1-1.el9_2.x86_64");

        var outcome = CliRunner.Run("available", "--installroot", _root, "--kernel", Kernel284);

        // First whether the kernel gets live patches at all: since its first package was built (as rpm reads the file).
        var built = BuildDayOf(RepositoryPath, $"{PatchName(Kernel284)}-1-1.el9_2.x86_64").ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            $"Kernel {Kernel284} is kpatch-eligible: live patches since {built} ({PatchName(Kernel284)}-1-1.el9_2.x86_64).\n" +
            $"{PatchName(Kernel284)}-1-3.el9_2.x86_64  kernel {Kernel284} (running)  installed: 1-1.el9_2  adds: CVE-2023-0002, CVE-2023-0003, CVE-2023-0004\n",
            outcome.Out);
    }

    [Theory]
    [InlineData("5.14.0-555.1.1.el9_5.x86_64", "kpatch-script: error: dnf install: no package in the enabled repositories provides it (Error: Unable to find a match: kpatch-patch = 5.14.0-555.1.1.el9_5.x86_64); Red Hat publishes live patches for selected kernels only: check 'kpatch-script available' and your subscription\n")]
    [InlineData("6.1.0-56-amd64", "kpatch-script: error: kernel release 6.1.0-56-amd64 cannot be an rpm version-release: it has 2 dashes and rpm allows exactly one (between version and release), so no kpatch-patch package can provide it; this kernel is not an rpm-packaged (RHEL-family) kernel\n")]
    public void A_failed_install_is_one_line_and_exit_1(string kernel, string expected)
    {
        var outcome = CliRunner.Run("install", "--installroot", _root, "--kernel", kernel);

        Assert.Equal((1, "", expected), (outcome.ExitCode, outcome.Out, outcome.Error));
    }

    [Fact]
    public void A_failed_install_in_json_is_still_a_document_and_exit_1()
    {
        var outcome = CliRunner.Run("install", "--json", "--installroot", _root, "--kernel", KernelFailingPre);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Empty(JsonSchemaFile.OperationResult.Errors(outcome.Out));
        Assert.Equal("failed", JsonDocument.Parse(outcome.Out).RootElement.GetProperty("outcome").GetString());
        Assert.StartsWith("kpatch-script: error: dnf install failed with exit code 1", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_update_needs_an_action_and_kpatch_dnf()
    {
        var missing = CliRunner.Run("auto-update", "--installroot", _root);
        var on = CliRunner.Run("auto-update", "on", "--installroot", _root);
        var status = CliRunner.Run("auto-update", "status", "--installroot", _root);

        Assert.Equal((2, "kpatch-script: error: auto-update needs on, off or status; see 'kpatch-script auto-update --help'\n"), (missing.ExitCode, missing.Error));
        // As Cockpit does, on installs kpatch and kpatch-dnf first; the lab's repository has neither (real dnf).
        Assert.Equal(1, on.ExitCode);
        Assert.StartsWith("kpatch-script: error: dnf install kpatch kpatch-dnf: no enabled repository has them (Error: Unable to find a match: kpatch kpatch-dnf)", on.Error, StringComparison.Ordinal);
        Assert.Equal((0, "auto-update: kpatch-dnf is not installed\nkernels: unknown\nkpatch.service: not-found\n"), (status.ExitCode, status.Out));
    }

    [Theory]
    [InlineData(new[] { "on" }, new[] { "kpatch auto", "systemctl --root={0} enable kpatch.service" })]
    [InlineData(new[] { "on", "--kernels", "current", "--kernel", Kernel284 }, new[] { "kpatch manual", "install 'kpatch-patch = " + Kernel284 + "'", "systemctl --root={0} enable kpatch.service" })]
    [InlineData(new[] { "on", "--service", "keep" }, new[] { "kpatch auto" })]
    [InlineData(new[] { "off" }, new[] { "kpatch manual" })]
    [InlineData(new[] { "off", "--service", "disable" }, new[] { "kpatch manual", "systemctl --root={0} disable kpatch.service" })]
    public void Auto_update_with_kpatch_dnf_a_dry_run_lists_every_command_of_the_choice(string[] arguments, string[] commands)
    {
        var root = SysrootFixtures.Get(SysrootFixtures.Rhel9KpatchDnf); // kpatch-dnf installed, its plugin configured

        var outcome = CliRunner.Run(["auto-update", .. arguments, "--dry-run", "--installroot", root]);

        var lines = commands.Select(c => "  " + (c.StartsWith("systemctl", StringComparison.Ordinal)
            ? string.Format(CultureInfo.InvariantCulture, c, root)
            : $"dnf --setopt=skip_if_unavailable=False --installroot={root} --assumeyes {c}"));
        Assert.Equal(
            (0, $"Dry run: auto-update {arguments[0]} would run, on local:\n{string.Join("\n", lines)}\nNothing was changed.\n", ""),
            (outcome.ExitCode, outcome.Out, outcome.Error));
    }

    [Fact]
    public void Auto_update_on_for_the_current_kernel_installs_its_patch_sets_manual_and_enables_kpatch_service_with_real_dnf()
    {
        KpatchDnfStandIn.Install(_root, autoUpdate: true);

        var on = CliRunner.Run("auto-update", "on", "--kernels", "current", "--kernel", Kernel284, "--installroot", _root, "--json");
        var status = CliRunner.Run("auto-update", "status", "--installroot", _root);
        var json = CliRunner.Run("auto-update", "status", "--installroot", _root, "--json");

        Assert.Equal((0, ""), (on.ExitCode, on.Error));
        Assert.Empty(JsonSchemaFile.OperationResult.Errors(on.Out));
        var result = JsonDocument.Parse(on.Out).RootElement;
        Assert.Equal(("auto-update on", "succeeded"), (result.GetProperty("operation").GetString(), result.GetProperty("outcome").GetString()));
        Assert.Equal(3, result.GetProperty("commands").GetArrayLength());
        Assert.Contains(InstalledPackages(_root), p => p.StartsWith(PatchName(Kernel284) + "-", StringComparison.Ordinal));
        Assert.Equal("autoupdate = False", KpatchDnfStandIn.AutoUpdateLine(_root));
        Assert.True(File.Exists(Path.Combine(_root, "etc/systemd/system/multi-user.target.wants/kpatch.service")));
        Assert.Equal((0, "auto-update: off\nkernels: current\nkpatch.service: enabled\n"), (status.ExitCode, status.Out));
        Assert.Equal("{\"schema_version\": 1, \"auto_update\": \"off\", \"kernels\": \"current\", \"service\": \"enabled\"}\n", json.Out);
        Assert.Empty(JsonSchemaFile.AutoUpdate.Errors(json.Out));
    }

    [Fact]
    public void Auto_update_off_with_disable_sets_manual_and_disables_kpatch_service_and_a_missing_unit_fails_with_systemctls_line()
    {
        KpatchDnfStandIn.Install(_root, autoUpdate: true);
        var on = CliRunner.Run("auto-update", "on", "--installroot", _root);
        var off = CliRunner.Run("auto-update", "off", "--service", "disable", "--installroot", _root);
        var status = CliRunner.Run("auto-update", "status", "--installroot", _root);
        var (setting, linked) = (KpatchDnfStandIn.AutoUpdateLine(_root), File.Exists(Path.Combine(_root, "etc/systemd/system/multi-user.target.wants/kpatch.service")));
        File.Delete(Path.Combine(_root, "usr/lib/systemd/system/kpatch.service"));
        var noUnit = CliRunner.Run("auto-update", "on", "--installroot", _root);

        Assert.Equal((0, 0), (on.ExitCode, off.ExitCode));
        Assert.Equal(("autoupdate = False", false), (setting, linked));
        Assert.StartsWith("auto-update: off\nkernels: off\nkpatch.service: ", status.Out, StringComparison.Ordinal);
        Assert.Equal(1, noUnit.ExitCode);
        Assert.StartsWith($"kpatch-script: error: 'systemctl --root={_root} enable kpatch.service' failed: ", noUnit.Error, StringComparison.Ordinal);
        Assert.Single(noUnit.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Auto_update_status_reads_the_kpatch_dnf_setting()
    {
        var outcome = CliRunner.Run("auto-update", "status", "--target", "sysroot:" + SysrootFixtures.Get(SysrootFixtures.Rhel9KpatchDnf), "--json");

        Assert.Equal((0, "{\"schema_version\": 1, \"auto_update\": \"on\", \"kernels\": \"all\", \"service\": \"enabled\"}\n"), (outcome.ExitCode, outcome.Out));
        Assert.Empty(JsonSchemaFile.AutoUpdate.Errors(outcome.Out));
    }

    [Fact]
    public void A_sysroot_target_refuses_to_install()
    {
        var outcome = CliRunner.Run("install", "--target", "sysroot:" + SysrootFixtures.Get(SysrootFixtures.Rhel9KpatchDnf));

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("is read-only: install changes the host; use --dry-run to see the commands", outcome.Error, StringComparison.Ordinal);
    }
}
