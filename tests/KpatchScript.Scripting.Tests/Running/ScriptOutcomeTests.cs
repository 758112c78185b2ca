using KpatchScript.Scripting.Caching;
using KpatchScript.Scripting.Directives;
using KpatchScript.Scripting.Running;
using KpatchScript.ScriptRuns;

namespace KpatchScript.Scripting.Tests.Running;

/// <summary>Exit codes, cancellation and the facade context, through the library API.</summary>
public sealed class ScriptOutcomeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-outcome-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private ScriptOutcome Run(string code, ScriptRunOptions? options = null, CancellationToken cancellationToken = default, params string[] args)
    {
        var script = Path.Combine(_directory, "s.csx");
        File.WriteAllText(script, code);
        return new ScriptHost(cache: null, TextWriter.Null).Run(ScriptClosure.FromFile(script), args, options ?? new ScriptRunOptions { Out = TextWriter.Null }, cancellationToken);
    }

    [Theory]
    [InlineData("return 3;", 3)]
    [InlineData("2 + 2", 4)]
    [InlineData("Console.Write(\"\");", 0)]
    [InlineData("Environment.ExitCode = 9; return 0;", 9)]
    [InlineData("await Task.Yield(); return Args.Count;", 2)]
    public void The_exit_code_is_the_scripts_own(string code, int expected)
    {
        var outcome = Run(code, null, CancellationToken.None, "a", "b");

        Assert.Equal((ScriptEnd.Completed, expected), (outcome.End, outcome.ExitCode));
        Assert.Equal(0, Environment.ExitCode);
    }

    [Fact]
    public void An_exception_names_the_script_line()
    {
        var outcome = Run("var x = 1;\nthrow new InvalidOperationException(\"boom\");\n");

        Assert.Equal((ScriptEnd.Failed, 1), (outcome.End, outcome.ExitCode));
        Assert.Equal($"{_directory}/s.csx(2): error: unhandled System.InvalidOperationException: boom (--verbose shows the stack trace)", outcome.Message);
    }

    [Fact]
    public void The_timeout_reaches_the_script_as_its_cancellation_token()
    {
        var outcome = Run("await Task.Delay(-1, KpatchScript.Kpatch.Cancellation);", new ScriptRunOptions { Out = TextWriter.Null, Timeout = TimeSpan.FromMilliseconds(300) });

        Assert.Equal((ScriptEnd.TimedOut, ScriptOutcome.TimedOutExitCode), (outcome.End, outcome.ExitCode));
        Assert.EndsWith("it stopped when cancelled", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_script_that_ignores_cancellation_is_abandoned_after_the_grace_period()
    {
        var outcome = Run("while (true) { System.Threading.Thread.Sleep(50); }", new ScriptRunOptions { Out = TextWriter.Null, Timeout = TimeSpan.FromMilliseconds(200) });

        Assert.Equal(ScriptEnd.TimedOut, outcome.End);
        Assert.Contains("did not stop within 2 s of being cancelled", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signal_interrupts_with_its_own_exit_code()
    {
        // Compiled and cached first, so the signal lands while the script runs, not while it compiles.
        var script = Path.Combine(_directory, "wait.csx");
        File.WriteAllText(script, "if (Args.Count > 0) return 0;\nawait Task.Delay(-1, KpatchScript.Kpatch.Cancellation);\nreturn 0;\n");
        var host = new ScriptHost(new ScriptCache(Path.Combine(_directory, "cache")), TextWriter.Null);
        var options = new ScriptRunOptions { Out = TextWriter.Null };
        Assert.Equal(0, host.Run(ScriptClosure.FromFile(script), ["warm"], options, CancellationToken.None).ExitCode);
        using var signal = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var outcome = host.Run(ScriptClosure.FromFile(script), [], options, signal.Token);

        Assert.Equal((ScriptEnd.Interrupted, ScriptOutcome.InterruptedExitCode), (outcome.End, outcome.ExitCode));
    }

    [Fact]
    public void The_runners_target_and_dry_run_flow_into_connect()
    {
        using var output = new StringWriter();
        var sysroot = KpatchScript.TestFixtures.SysrootFixtures.Get(KpatchScript.TestFixtures.SysrootFixtures.LabLoaded);

        var outcome = Run(
            "using KpatchScript;\nvar kp = Kpatch.Connect();\nConsole.WriteLine(kp.Target);\n" +
            "var r = await kp.UnloadAsync(\"lab_cmdline\", KpatchScript.Operations.RevertAcknowledgement.RevertingWithoutRebootIsUnsupported);\nreturn r.Outcome == KpatchScript.Operations.OperationOutcome.Planned ? 0 : 1;\n",
            new ScriptRunOptions { Out = output, Target = "sysroot:" + sysroot, DryRun = true });

        Assert.Equal(0, outcome.ExitCode);
        Assert.Null(ScriptContext.Current);
        Assert.Contains($"dry run: unload on sysroot:{sysroot} would:\n  disable it: write 0 to /sys/kernel/livepatch/lab_cmdline/enabled", output.ToString().Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_compile_error_is_a_script_exception_with_compiler_lines()
    {
        var ex = Assert.Throws<ScriptException>(() => Run("var x = 1;\nUndefined();\n"));

        Assert.Equal($"{_directory}/s.csx(2,1): error CS0103: The name 'Undefined' does not exist in the current context", ex.Message);
    }
}
