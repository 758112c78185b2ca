using System.Text.Json;
using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests;

/// <summary>load and unload on the command line; the kernel side is tested in the livepatch lab.</summary>
public sealed class ModuleCommandTests
{
    private const string Release = "5.14.0-284.11.1.el9_2.x86_64";
    private const string Module = $"/var/lib/kpatch/{Release}/kpatch-5_14_0-284_11_1-1-1.ko";

    private static string Sysroot => "sysroot:" + SysrootFixtures.Get(SysrootFixtures.OneEnabledPatch);

    [Fact]
    public void Unload_without_the_acknowledgement_is_refused_and_says_how_to_give_it()
    {
        var outcome = CliRunner.Run("unload", "kpatch_5_14_0_284_11_1_1_1", "--target", Sysroot);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(
            "kpatch-script: error: cannot unload kpatch_5_14_0_284_11_1_1_1: Red Hat does not support reverting a live patch without a reboot (KB 2206511); " +
            "the supported way back is to reboot into a kernel without it. Nothing was changed; to revert anyway, acknowledge it (CLI: --i-understand-this-is-unsupported)\n",
            outcome.Error);
        Assert.Empty(outcome.Out);
    }

    [Fact]
    public void Unload_dry_run_with_the_acknowledgement_prints_the_steps()
    {
        var outcome = CliRunner.Run("unload", "kpatch_5_14_0_284_11_1_1_1", "--i-understand-this-is-unsupported", "--dry-run", "--target", Sysroot);

        Assert.Equal((0, ""), (outcome.ExitCode, outcome.Error));
        Assert.Equal(
            $"Dry run: unload would run, on {Sysroot}:\n" +
            "  disable it: write 0 to /sys/kernel/livepatch/kpatch_5_14_0_284_11_1_1_1/enabled\n" +
            "  wait up to 60 s for the unpatching transition\n" +
            "  remove the module: rmmod kpatch_5_14_0_284_11_1_1_1\n" +
            "Nothing was changed.\n",
            outcome.Out);
    }

    [Fact]
    public void Load_dry_run_json_follows_the_schema()
    {
        var outcome = CliRunner.Run("load", Module, "--dry-run", "--json", "--timeout", "90", "--target", Sysroot);

        Assert.Equal((0, ""), (outcome.ExitCode, outcome.Error));
        Assert.Empty(JsonSchemaFile.OperationResult.Errors(outcome.Out));
        var root = JsonDocument.Parse(outcome.Out).RootElement;
        Assert.Equal("planned", root.GetProperty("outcome").GetString());
        Assert.Equal(
            ["kpatch_5_14_0_284_11_1_1_1 is already loaded and enabled", "wait up to 90 s for the transition of kpatch_5_14_0_284_11_1_1_1; if it stalls, report the tasks it waits for"],
            root.GetProperty("plan").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Load_on_a_read_only_target_fails_with_one_line()
    {
        var outcome = CliRunner.Run("load", Module, "--target", Sysroot);

        Assert.Equal((1, $"kpatch-script: error: target {Sysroot} is read-only: load changes the host; use --dry-run to see the commands\n"), (outcome.ExitCode, outcome.Error));
    }

    [Theory]
    [InlineData(new[] { "load" }, "kpatch-script: error: load needs the path of a .ko file, or --all; see 'kpatch-script load --help'\n")]
    [InlineData(new[] { "load", "a.ko", "--timeout", "soon" }, "kpatch-script: error: --timeout needs a whole number of seconds above 0, not 'soon'\n")]
    [InlineData(new[] { "load", "a.ko", "b.ko" }, "kpatch-script: error: unexpected argument 'b.ko' for 'load'; see 'kpatch-script load --help'\n")]
    [InlineData(new[] { "unload" }, "kpatch-script: error: unload needs a patch name or .ko path, or --all; see 'kpatch-script unload --help'\n")]
    [InlineData(new[] { "unload", "p", "--i-understand" }, "kpatch-script: error: unknown option '--i-understand' for 'unload'; see 'kpatch-script unload --help'\n")]
    public void Wrong_command_lines_are_usage_errors(string[] args, string expected)
    {
        var outcome = CliRunner.Run(args);

        Assert.Equal((2, expected), (outcome.ExitCode, outcome.Error));
    }

    [Fact]
    public void Help_explains_the_acknowledgement_and_the_stall_behaviour()
    {
        var unload = CliRunner.Run("unload", "--help");
        var load = CliRunner.Run("load", "--help");

        Assert.Contains("Red Hat does not support reverting a live patch without a reboot (KB 2206511)", unload.Out, StringComparison.Ordinal);
        Assert.Contains("--revert-on-stall", load.Out, StringComparison.Ordinal);
    }
}
