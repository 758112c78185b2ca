using System.Text.Json;
using KpatchScript.Host;
using KpatchScript.TestFixtures;

namespace KpatchScript.Cli.Tests;

/// <summary>
/// A plugin that ends the process (Environment.Exit(0)) or overflows its stack, in its check or
/// while it registers: kpatch-script runs as a real process here, as Nagios runs it, because
/// what is tested is what becomes of that process. No such plugin may turn verify into OK, or
/// any command into an exit 0 with nothing said.
/// </summary>
public sealed class PluginProcessTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);
    private readonly TestPlugins _plugins = new("GoodPlugin", "ExitingPlugin", "StackOverflowPlugin");

    public void Dispose() => _plugins.Dispose();

    // Covered but for the plugins (its support window held open: the process runs on the real clock): whatever they do shows in the verdict.
    private static string Covered => "sysroot:" + SysrootFixtures.Get(SysrootFixtures.Rhel9Covered);

    private const string CoveredSettings = "\"support_window_end\": \"2099-12-31\"";

    [Fact]
    public async Task Verify_nagios_names_a_plugin_whose_check_exits_or_overflows_and_is_unknown_not_ok()
    {
        var outcome = await Run("verify", "--nagios", "--target", Covered, "--plugins", _plugins.Directory);

        Assert.Equal((3, ""), (outcome.ExitCode, outcome.StandardError));
        Assert.StartsWith("KPATCH UNKNOWN - verification incomplete: ExitingPlugin:exit: plugin ExitingPlugin: its process ended with exit code 0 during check 'ExitingPlugin:exit' (a plugin must answer, not end the process) (and 1 more). Verdict so far: rhel96-db01 is not covered: Verification failed: ExitingPlugin:exit: ", outcome.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(" failed=2;;1;0 ", outcome.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_shows_each_failed_check_with_what_ended_the_plugin_process_and_the_good_one_passes()
    {
        var text = await Run("verify", "--target", Covered, "--plugins", _plugins.Directory);
        var json = await Run("verify", "--json", "--target", Covered, "--plugins", _plugins.Directory);

        Assert.Equal((3, 3), (text.ExitCode, json.ExitCode));
        Assert.EndsWith("\nVerification incomplete (UNKNOWN): no answer from ExitingPlugin:exit, StackOverflowPlugin:deep\n", text.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("\npass  GoodPlugin:site-baseline: ", text.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("\nfail  ExitingPlugin:exit: plugin ExitingPlugin: its process ended with exit code 0 during check 'ExitingPlugin:exit' (a plugin must answer, not end the process)\n", text.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("\nfail  StackOverflowPlugin:deep: plugin StackOverflowPlugin: its process ended with exit code 134 (SIGABRT) during check 'StackOverflowPlugin:deep': Stack overflow\n", text.StandardOutput, StringComparison.Ordinal);
        var document = JsonDocument.Parse(json.StandardOutput).RootElement;
        Assert.Equal(["ExitingPlugin:exit", "StackOverflowPlugin:deep"], document.GetProperty("unanswered").EnumerateArray().Select(n => n.GetString()));
        var verdict = document.GetProperty("verdict");
        Assert.Equal("not covered", verdict.GetProperty("state").GetString());
        Assert.Equal(
            ["check-failed:ExitingPlugin:exit", "check-failed:StackOverflowPlugin:deep"],
            verdict.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()).Where(c => c!.StartsWith("check-", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public async Task A_plugin_that_ends_the_process_while_registering_is_listed_as_failed_and_verify_fails_its_load()
    {
        var config = Path.Combine(_plugins.Root, "config.json");
        File.WriteAllText(config, $$"""{ {{CoveredSettings}}, "plugins": { "ExitingPlugin": { "exit_in": "register" }, "StackOverflowPlugin": { "overflow_in": "register" } } }""");

        var list = await RunWith(config, "plugins", "list", "--plugins", _plugins.Directory);
        var verify = await RunWith(config, "verify", "--nagios", "--target", Covered, "--plugins", _plugins.Directory);

        Assert.Equal(1, list.ExitCode);
        Assert.Matches(@"\n  failed +ExitingPlugin +0\.1\.0 +plugin ExitingPlugin: its process ended with exit code 0 while registering \(a plugin must answer, not end the process\)\n", list.StandardOutput);
        Assert.Matches(@"\n  failed +StackOverflowPlugin +0\.1\.0 +plugin StackOverflowPlugin: its process ended with exit code 134 \(SIGABRT\) while registering: Stack overflow\n", list.StandardOutput);
        Assert.Matches(@"\n  loaded +GoodPlugin ", list.StandardOutput);
        Assert.Equal(3, verify.ExitCode);
        Assert.StartsWith("KPATCH UNKNOWN - verification incomplete: ExitingPlugin:load: plugin ExitingPlugin: its process ended with exit code 0 while registering (a plugin must answer, not end the process) (and 1 more). Verdict so far: rhel96-db01 is not covered: ", verify.StandardOutput, StringComparison.Ordinal);
    }

    private Task<CommandResult> Run(params string[] arguments)
    {
        var config = Path.Combine(_plugins.Root, "covered.json");
        File.WriteAllText(config, $"{{ {CoveredSettings} }}");
        return RunWith(config, arguments);
    }

    /// <summary>kpatch-script as a process of its own, with no plugin directory but the test's.</summary>
    private Task<CommandResult> RunWith(string config, params string[] arguments) =>
        ProcessHelper.ExecuteAsync(
            [KpatchScriptOnPath.Dotnet, KpatchScriptOnPath.Dll, .. arguments],
            _plugins.Root,
            new Dictionary<string, string> { ["KPATCH_SCRIPT_CONFIG"] = config, ["XDG_DATA_HOME"] = _plugins.Root },
            standardInput: null,
            Deadline);
}
