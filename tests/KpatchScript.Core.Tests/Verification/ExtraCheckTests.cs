using KpatchScript.Plugins;
using KpatchScript.Targets;
using KpatchScript.TestFixtures;
using KpatchScript.Testing.Fakes;
using KpatchScript.Verification;

namespace KpatchScript.Core.Tests.Verification;

/// <summary>Checks added to the facade (plugins' own) run after the built-in ones, on the final status; none can crash verify.</summary>
public sealed class ExtraCheckTests
{
    private static VerificationReport Verify(params IVerificationCheck[] checks) =>
        new KpatchFacade(new SysrootHostSystem(SysrootFixtures.Get(SysrootFixtures.OneEnabledPatch)), FixedTimeProvider.Default) { Checks = checks }.Verify();

    [Fact]
    public void Extra_checks_come_after_the_built_in_ones_named_as_they_are_registered_and_count_in_the_verdict()
    {
        var report = Verify(new Check("Site:one", _ => new VerificationCheck("whatever", CheckResult.Warn, "a site rule")));

        Assert.Equal(new VerificationCheck("Site:one", CheckResult.Warn, "a site rule"), report.Checks[^1]);
        Assert.Equal("reboot", report.Checks[^2].Name);
        Assert.Equal(CheckResult.Warn, report.Result);
    }

    [Fact]
    public void A_check_that_got_no_answer_fails_and_is_named_as_unanswered()
    {
        var report = Verify(
            new Check("Site:gone", _ => throw new CheckNotAnsweredException("plugin Site ended before it answered")),
            new Check("Site:fine", _ => new VerificationCheck("x", CheckResult.Pass, "ok")));

        Assert.Equal(new VerificationCheck("Site:gone", CheckResult.Fail, "plugin Site ended before it answered"), report.Checks[^2]);
        Assert.Equal(["Site:gone"], report.Unanswered);
    }

    [Fact]
    public void A_check_that_throws_returns_nothing_or_no_detail_becomes_a_result()
    {
        var report = Verify(
            new Check("Site:throws", _ => throw new InvalidOperationException("boom\nsecond line")),
            new Check("Site:null", _ => null!),
            new Check("Site:blank", _ => new VerificationCheck("x", CheckResult.Pass, " ")));

        Assert.Equal(
            [
                new VerificationCheck("Site:throws", CheckResult.Fail, "the check threw System.InvalidOperationException: boom"),
                new VerificationCheck("Site:null", CheckResult.Fail, "the check returned no result"),
                new VerificationCheck("Site:blank", CheckResult.Pass, "pass (the check gave no detail)"),
            ],
            report.Checks.TakeLast(3));
    }

    [Fact]
    public void A_check_reads_the_status_and_the_target()
    {
        VerificationCheckContext? seen = null;

        Verify(new Check("Site:context", context =>
        {
            seen = context;
            return new VerificationCheck("x", CheckResult.Pass, "ok");
        }));

        Assert.Equal(seen!.Status.Target, seen.Host.Name);
        Assert.True(seen.Host.IsReadOnly);
    }

    [Fact]
    public void Every_extra_check_starts_before_any_is_waited_for()
    {
        // Proof by structure, not by a stopwatch: the first check answers only once the second has
        // started. Checks started one after the other would never see it; the 60 s guard turns
        // that into a failed check instead of a hung test, and is never reached when they run at once.
        var secondStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new AsyncCheck("Site:first", async () =>
        {
            await secondStarted.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return new VerificationCheck("x", CheckResult.Pass, "the second check had started");
        });
        var second = new AsyncCheck("Site:second", () =>
        {
            secondStarted.TrySetResult();
            return Task.FromResult(new VerificationCheck("x", CheckResult.Pass, "started"));
        });

        var report = Verify(first, second);

        Assert.Equal(
            [
                new VerificationCheck("Site:first", CheckResult.Pass, "the second check had started"),
                new VerificationCheck("Site:second", CheckResult.Pass, "started"),
            ],
            report.Checks.TakeLast(2));
    }

    private sealed class AsyncCheck(string name, Func<Task<VerificationCheck>> judge) : IVerificationCheck
    {
        public string Name => name;

        public Task<VerificationCheck> CheckAsync(VerificationCheckContext context, CancellationToken cancellationToken) => judge();
    }

    private sealed class Check(string name, Func<VerificationCheckContext, VerificationCheck> judge) : IVerificationCheck
    {
        public string Name => name;

        public Task<VerificationCheck> CheckAsync(VerificationCheckContext context, CancellationToken cancellationToken) => Task.FromResult(judge(context));
    }
}
