using KpatchScript.Host;
using KpatchScript.Operations;
using KpatchScript.Testing.Fakes;

namespace KpatchScript.Core.Tests.Operations;

/// <summary>
/// A stop (SIGINT, SIGTERM: the panel's Cancel) lets the running command finish and stops before
/// the next one; an operation whose last command finished is not "interrupted", whatever came in meanwhile.
/// </summary>
public sealed class StopBetweenStepsTests
{
    [Fact]
    public void A_stop_during_the_first_of_two_steps_runs_no_second_step_and_journals_interrupted_naming_it()
    {
        using var stop = new CancellationTokenSource();
        var host = new FakeHostSystem("local").WithCommand("first", _ => { stop.Cancel(); return new CommandResult(0, "", ""); }).WithCommand("second", 0, "");
        var record = new OperationRecord("auto-update on", host.Name, null, null, [new CommandSpec(["first"], Mutates: true), new CommandSpec(["second"], Mutates: true)]);

        var result = new OperationRunner(host, new SteppingTimeProvider(), TimeSpan.Zero).Run(record, dryRun: false, _ => null, stop.Token);

        Assert.Equal(OperationOutcome.Failed, result.Outcome);
        Assert.Equal("auto-update on was interrupted by a signal after 'first' (exited 0); not run: second; check the result with 'kpatch-script status'", result.Error);
        Assert.Equal(["first"], host.Commands.Select(c => c.ToString()));
        Assert.EndsWith("\"outcome\":\"interrupted\"", Outcomes(host)[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_stop_during_the_last_step_leaves_the_outcome_what_that_step_did()
    {
        using var stop = new CancellationTokenSource();
        var host = new FakeHostSystem("local").WithCommand("only", _ => { stop.Cancel(); return new CommandResult(0, "", ""); });
        var record = new OperationRecord("update", host.Name, null, null, [new CommandSpec(["only"], Mutates: true)]);

        var result = new OperationRunner(host, new SteppingTimeProvider(), TimeSpan.Zero).Run(record, dryRun: false, _ => null, stop.Token);

        Assert.Equal(OperationOutcome.Succeeded, result.Outcome);
        Assert.EndsWith("\"outcome\":\"succeeded\"", Outcomes(host)[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_that_fails_while_a_stop_is_pending_is_a_failure_with_its_own_error()
    {
        using var stop = new CancellationTokenSource();
        var host = new FakeHostSystem("local").WithCommand("first", _ => { stop.Cancel(); return new CommandResult(1, "", "broken"); }).WithCommand("second", 0, "");
        var record = new OperationRecord("auto-update on", host.Name, null, null, [new CommandSpec(["first"], Mutates: true), new CommandSpec(["second"], Mutates: true)]);

        var result = new OperationRunner(host, new SteppingTimeProvider(), TimeSpan.Zero).Run(record, dryRun: false, r => r.Succeeded ? null : "first failed: broken", stop.Token);

        Assert.Equal(("first failed: broken", OperationOutcome.Failed), (result.Error, result.Outcome));
        Assert.Equal(["first"], host.Commands.Select(c => c.ToString()));
        Assert.EndsWith("\"outcome\":\"failed\"", Outcomes(host)[^1], StringComparison.Ordinal);
    }

    // Each journal line's outcome, as the last field the end record has ("...","outcome":"X").
    private static List<string> Outcomes(FakeHostSystem host) =>
        [.. host.ReadFile("/var/log/kpatch-script/journal.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("outcome").GetString())
            .Select(outcome => $"\"outcome\":\"{outcome}\"")];
}
