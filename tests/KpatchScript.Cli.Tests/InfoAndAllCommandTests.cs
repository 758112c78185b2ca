using System.Text.Json;
using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests;

/// <summary>info MODULE, load --all and unload --all on the command line, over captured trees; the kernel side is tested in the livepatch lab.</summary>
public sealed class InfoAndAllCommandTests
{
    private const string Release = "5.14.0-284.11.1.el9_2.x86_64";
    private const string Patch = "kpatch_5_14_0_284_11_1_1_1";

    private static string Sysroot(string fixture = SysrootFixtures.OneEnabledPatch) => "sysroot:" + SysrootFixtures.Get(fixture);

    [Fact]
    public void Info_shows_an_installed_module_its_fields_and_the_kernels_word_on_it()
    {
        var outcome = CliRunner.Run("info", Patch, "--target", Sysroot());

        Assert.Equal((0, ""), (outcome.ExitCode, outcome.Error));
        var lines = outcome.Out.Split('\n');
        Assert.Equal($"Patch information for {Patch}:", lines[0]);
        Assert.Contains($"file:         /var/lib/kpatch/{Release}/kpatch-5_14_0-284_11_1-1-1.ko (installed for the running kernel)", lines);
        Assert.Contains($"built for:    {Release}", lines);
        Assert.Contains("loaded:       yes, taint K", lines);
        Assert.Contains("patch:        enabled", lines);
        Assert.Contains(lines, l => l.StartsWith($"signature:    trusted: {Patch} loaded without taint E: the kernel accepted its signature; signer and key unknown: a captured tree runs no modinfo", StringComparison.Ordinal));
        Assert.Contains("modinfo:", lines);
        Assert.Contains(lines, l => l.StartsWith("vermagic:     " + Release, StringComparison.Ordinal));
    }

    [Fact]
    public void Info_json_follows_the_schema()
    {
        var outcome = CliRunner.Run("info", "livepatch_cmdline", "--json", "--target", Sysroot(SysrootFixtures.TwoStackedPatches));

        Assert.Equal((0, ""), (outcome.ExitCode, outcome.Error));
        Assert.Empty(JsonSchemaFile.ModuleInfo.Errors(outcome.Out));
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        Assert.Equal("untrusted", root.GetProperty("signature").GetProperty("state").GetString());
        Assert.Equal("OEK", root.GetProperty("taint").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("path").ValueKind);
        Assert.Equal("cmdline_proc_show", root.GetProperty("patch").GetProperty("objects")[0].GetProperty("functions")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void Info_of_a_module_that_is_nowhere_fails_with_one_line_and_json_says_why()
    {
        var text = CliRunner.Run("info", "nope", "--target", Sysroot());
        var json = CliRunner.Run("info", "nope", "--json", "--target", Sysroot());

        Assert.Equal(1, text.ExitCode);
        Assert.Equal($"kpatch-script: error: can't find nope: it is not installed for the running kernel {Release} (in /var/lib/kpatch/{Release} or /usr/lib/kpatch/{Release}) and not loaded; give the path of its .ko file\n", text.Error);
        Assert.Empty(text.Out);
        Assert.Equal(1, json.ExitCode);
        Assert.Empty(JsonSchemaFile.ModuleInfo.Errors(json.Out));
        Assert.StartsWith("can't find nope", JsonDocument.Parse(json.Out).RootElement.GetProperty("unknown").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_all_dry_run_plans_each_installed_module_and_follows_the_schema()
    {
        var outcome = CliRunner.Run("load", "--all", "--dry-run", "--json", "--target", Sysroot());

        Assert.Equal((0, ""), (outcome.ExitCode, outcome.Error));
        Assert.Empty(JsonSchemaFile.OperationResult.Errors(outcome.Out));
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        Assert.Equal(("load --all", "planned"), (root.GetProperty("operation").GetString(), root.GetProperty("outcome").GetString()));
        Assert.Equal($"/var/lib/kpatch/{Release}/kpatch-5_14_0-284_11_1-1-1.ko: {Patch} is already loaded and enabled", root.GetProperty("plan")[0].GetString());
    }

    [Fact]
    public void Load_all_on_a_read_only_target_fails_with_one_line()
    {
        var outcome = CliRunner.Run("load", "--all", "--target", Sysroot());

        Assert.Equal(1, outcome.ExitCode);
        Assert.StartsWith($"kpatch-script: error: target {Sysroot()} is read-only: load changes the host", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unload_all_without_the_acknowledgement_is_refused_and_with_it_plans_every_patch()
    {
        var refused = CliRunner.Run("unload", "--all", "--target", Sysroot(SysrootFixtures.TwoStackedPatches));
        var planned = CliRunner.Run("unload", "--all", "--i-understand-this-is-unsupported", "--dry-run", "--json", "--target", Sysroot(SysrootFixtures.TwoStackedPatches));

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("cannot unload all patches: Red Hat does not support reverting a live patch without a reboot (KB 2206511)", refused.Error, StringComparison.Ordinal);
        Assert.Equal((0, ""), (planned.ExitCode, planned.Error));
        Assert.Empty(JsonSchemaFile.OperationResult.Errors(planned.Out));
        // No stack_order on this kernel: newest first is the reverse of the directory order.
        Assert.Equal(
            [["rmmod", "livepatch_meminfo"], ["rmmod", "livepatch_cmdline"]],
            JsonDocument.Parse(planned.Out).RootElement.GetProperty("commands").EnumerateArray().Select(c => c.EnumerateArray().Select(a => a.GetString()!).ToArray()));
    }

    [Fact]
    public void The_real_executable_shows_info_and_plans_load_all_as_in_process()
    {
        var info = CliProcess.Finish(CliProcess.Start(null, "info", Patch, "--json", "--target", Sysroot()));
        var load = CliProcess.Finish(CliProcess.Start(null, "load", "--all", "--dry-run", "--target", Sysroot()));
        var unload = CliProcess.Finish(CliProcess.Start(null, "unload", "--all", "--target", Sysroot()));

        Assert.Equal((0, ""), (info.ExitCode, info.Error));
        Assert.Equal(CliRunner.Run("info", Patch, "--json", "--target", Sysroot()).Out, info.Out);
        Assert.Equal((0, ""), (load.ExitCode, load.Error));
        Assert.StartsWith($"Dry run: load --all would run, on {Sysroot()}:\n  /var/lib/kpatch/{Release}/kpatch-5_14_0-284_11_1-1-1.ko: {Patch} is already loaded and enabled\n", load.Out, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was changed.\n", load.Out, StringComparison.Ordinal);
        Assert.Equal(1, unload.ExitCode);
        Assert.Single(unload.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_modules_hostile_strings_reach_the_terminal_escaped()
    {
        var root = Directory.CreateTempSubdirectory("kps-evil-module-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "proc/sys/kernel"));
            File.WriteAllText(Path.Combine(root, "proc/sys/kernel/osrelease"), Release + "\n");
            Directory.CreateDirectory(Path.Combine(root, $"var/lib/kpatch/{Release}"));
            File.WriteAllText(
                Path.Combine(root, $"var/lib/kpatch/{Release}/evil.ko"),
                $"\x7fELF\0description=\x1b]0;owned\x07 \x1b[2Jpatch\0name=evil\0vermagic={Release} SMP mod_unload \0");

            var outcome = CliRunner.Run("info", "evil", "--target", "sysroot:" + root);

            Assert.Equal((0, ""), (outcome.ExitCode, outcome.Error));
            Assert.DoesNotContain('\x1b', outcome.Out);
            Assert.DoesNotContain('\x07', outcome.Out);
            Assert.Contains("description:", outcome.Out, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData(new[] { "load", "a.ko", "--all" }, "kpatch-script: error: load takes MODULE.ko or --all, not both ('a.ko' and --all); see 'kpatch-script load --help'\n")]
    [InlineData(new[] { "unload", "p", "--all", "--i-understand-this-is-unsupported" }, "kpatch-script: error: unload takes PATCH or --all, not both ('p' and --all); see 'kpatch-script unload --help'\n")]
    [InlineData(new[] { "info" }, "kpatch-script: error: info needs a module name or the path of a .ko file; see 'kpatch-script info --help'\n")]
    [InlineData(new[] { "info", "a", "b" }, "kpatch-script: error: unexpected argument 'b' for 'info'; see 'kpatch-script info --help'\n")]
    public void Wrong_command_lines_are_usage_errors(string[] args, string expected)
    {
        var outcome = CliRunner.Run(args);

        Assert.Equal((2, expected), (outcome.ExitCode, outcome.Error));
    }
}
