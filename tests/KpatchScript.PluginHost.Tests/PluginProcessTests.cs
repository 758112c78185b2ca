using System.Diagnostics;
using KpatchScript.Plugins;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;
using KpatchScript.Verification;

namespace KpatchScript.PluginHosting.Tests;

/// <summary>
/// Plugin checks run in plugin processes: whatever a plugin does to its process is a failed check
/// naming it, and this process (the test host here, kpatch-script in use) goes on. These tests
/// would end the test host without them; tests/KpatchScript.Cli.Tests/PluginProcessTests.cs
/// shows the same through kpatch-script as a process.
/// </summary>
public sealed class PluginProcessTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_check_that_exits_or_overflows_its_stack_fails_naming_the_plugin_and_runs_again_in_a_new_process(bool inProcess)
    {
        using var plugins = new TestPlugins("ExitingPlugin", "GoodPlugin", "StackOverflowPlugin");
        using var host = plugins.Load(inProcess: inProcess);

        // Twice: the process a check ended is replaced for the next one.
        for (var run = 0; run < 2; run++)
        {
            var report = Sysroot.Facade(host).Verify();
            var checks = report.Checks.Where(c => c.Name.Contains(':', StringComparison.Ordinal) && !c.Name.StartsWith("module-", StringComparison.Ordinal)).ToList();

            Assert.Equal(
                [
                    new VerificationCheck("ExitingPlugin:exit", CheckResult.Fail, "plugin ExitingPlugin: its process ended with exit code 0 during check 'ExitingPlugin:exit' (a plugin must answer, not end the process)"),
                    checks[1] with { Result = CheckResult.Pass },
                    new VerificationCheck("StackOverflowPlugin:deep", CheckResult.Fail, "plugin StackOverflowPlugin: its process ended with exit code 134 (SIGABRT) during check 'StackOverflowPlugin:deep': Stack overflow"),
                ],
                checks);
            // No answer, not a finding: the verification is incomplete (verify exits UNKNOWN).
            Assert.Equal(["ExitingPlugin:exit", "StackOverflowPlugin:deep"], report.Unanswered);
        }
    }

    [Fact]
    public void Without_loading_in_process_plugins_register_in_their_processes_and_one_that_ends_it_there_fails_to_load()
    {
        using var plugins = new TestPlugins("ExitingPlugin", "GoodPlugin", "OldContractPlugin");
        using var host = plugins.Load(configuration: new Dictionary<string, string> { ["ExitingPlugin"] = """{"exit_in": "register"}""" }, inProcess: false);

        Assert.Equal(
            [
                ("ExitingPlugin", PluginState.Failed, "plugin ExitingPlugin: its process ended with exit code 0 while registering (a plugin must answer, not end the process)"),
                ("GoodPlugin", PluginState.Loaded, null),
                ("OldContractPlugin", PluginState.Refused, $"plugin OldContractPlugin: built against plugin contract 0.9, but this kpatch-script has contract {Plugins.PluginContract.Version}; rebuild the plugin against KpatchScript.Abstractions 0.1.0 (contract {Plugins.PluginContract.Version})"),
            ],
            host.Plugins.Select(p => (p.Name, p.State, p.Error)));
        var good = host.Plugins[1];
        Assert.Equal("good v1: a check, an alert sink, a report contributor and a script API", good.Description);
        Assert.Equal(["GoodPlugin:site-baseline", "recording", "TestPlugins.Good.Greeter"], [.. good.VerificationChecks, .. good.AlertSinks, .. good.ScriptApis]);
        // What runs in this process is none of theirs.
        Assert.Equal((0, 0, 0), (host.AlertSinks.Count, host.ReportDataContributors.Count, host.ScriptExtensions.Assemblies.Count));
        Assert.Equal(["ExitingPlugin:load", "GoodPlugin:site-baseline"], host.VerificationChecks.Select(c => c.Name));
        Assert.Equal(CheckResult.Pass, Sysroot.Facade(host).Verify().Checks.Single(c => c.Name == "GoodPlugin:site-baseline").Result);
    }

    [Fact]
    public void The_checks_of_several_plugins_run_at_once_each_under_its_timeout()
    {
        using var plugins = new TestPlugins("GoodPlugin", "HangingPlugin");
        var timeout = TimeSpan.FromSeconds(3);
        // The slow check sleeps a tenth of the timeout: it answers in time on a loaded machine too.
        using var host = plugins.Load(timeout, new Dictionary<string, string> { ["GoodPlugin"] = """{"sleep_ms": 300}""" }, inProcess: false);
        var clock = Stopwatch.StartNew();

        var report = Sysroot.Facade(host).Verify();
        var checks = report.Checks;

        // The hanging check is given up on at its timeout, not before; 10x the timeout is a hang guard only.
        Assert.InRange(clock.Elapsed.TotalSeconds, 2.9, 30);
        Assert.Equal(CheckResult.Pass, checks.Single(c => c.Name == "GoodPlugin:site-baseline").Result);
        Assert.Equal("plugin HangingPlugin: check 'HangingPlugin:hanger' did not answer within 3 s", checks.Single(c => c.Name == "HangingPlugin:hanger").Detail);
        Assert.Equal(["HangingPlugin:hanger"], report.Unanswered);

        // At once by structure, not by the clock: a plugin's check hands back a running task at once,
        // its answer coming later from its process (the verifier starts every check before it waits
        // for any: tests/KpatchScript.Core.Tests, ExtraCheckTests), so a hanging one holds no other up.
        var hanging = host.VerificationChecks.Single(c => c.Name == "HangingPlugin:hanger");
        var status = Sysroot.Status();
        var pending = hanging.CheckAsync(new VerificationCheckContext(status, HostSystems.Open(status.Target), TimeProvider.System), CancellationToken.None);
        Assert.False(pending.IsCompleted);
        var failure = Assert.ThrowsAny<Exception>(() => pending.WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult());
        Assert.Equal("plugin HangingPlugin: check 'HangingPlugin:hanger' did not answer within 3 s", failure.Message);
    }

    [Fact]
    public async Task A_check_kept_past_the_unload_says_so_and_starts_no_process()
    {
        using var plugins = new TestPlugins("GoodPlugin");
        using var host = plugins.Load(inProcess: false);
        var check = host.VerificationChecks.Single();

        host.Unload();

        var noAnswer = await Assert.ThrowsAsync<CheckNotAnsweredException>(() => check.CheckAsync(new Plugins.VerificationCheckContext(Sysroot.Status(), Targets.HostSystems.Open("local"), TimeProvider.System), CancellationToken.None));
        Assert.Equal("plugin GoodPlugin: check 'GoodPlugin:site-baseline': the plugin was unloaded; reload it to use it again", noAnswer.Message);
    }
}
