namespace KpatchScript.Testing.Fakes;

/// <summary>
/// A clock that jumps: every timer (Task.Delay included) fires at once and moves the clock
/// forward by its due time, so code that polls with a timeout runs its whole course without
/// sleeping, and a test can assert on the simulated time it took.
/// </summary>
public sealed class SteppingTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly DateTimeOffset _start = start;
    private DateTimeOffset _now = start;

    /// <summary>A clock starting at 2026-01-15 12:00:00 UTC, the time of <see cref="FixedTimeProvider.Default"/>.</summary>
    public SteppingTimeProvider()
        : this(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Simulated time since the start.</summary>
    public TimeSpan Elapsed => GetUtcNow() - _start;

    /// <summary>Called with the new time after every jump, before the timer's callback runs (to change the fake host mid-wait).</summary>
    public Action<TimeSpan>? OnAdvance { get; set; }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        TimeSpan elapsed;
        lock (_gate)
        {
            _now += dueTime > TimeSpan.Zero ? dueTime : TimeSpan.Zero;
            elapsed = _now - _start;
        }

        OnAdvance?.Invoke(elapsed);
        // Queued, not called inline: Task.Delay is not ready for its callback before CreateTimer returns.
        ThreadPool.QueueUserWorkItem(_ => callback(state));
        return new FiredTimer();
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
