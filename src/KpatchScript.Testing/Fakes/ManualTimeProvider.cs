namespace KpatchScript.Testing.Fakes;

/// <summary>
/// A clock that moves only when the test says so: <see cref="Advance"/> fires every timer
/// (Task.Delay, a CancellationTokenSource's deadline) that falls due, in order. Code waiting on a
/// timeout or a backoff is then tested step by step, whatever the machine's load: a timeout fires
/// because the test advanced the clock, never because a busy machine was slow.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    /// <summary>A clock standing at 2026-01-15 12:00:00 UTC, the time of <see cref="FixedTimeProvider.Default"/>.</summary>
    public ManualTimeProvider()
        : this(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero))
    {
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing (on this thread) each timer that falls due on the way.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        DateTimeOffset end;
        lock (_gate)
        {
            end = _now + by;
        }

        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.Due <= end).MinBy(t => t.Due);
                if (next is null)
                {
                    _now = end;
                    return;
                }

                _now = next.Due;
                _timers.Remove(next);
                if (next.Period > TimeSpan.Zero)
                {
                    next.Due += next.Period;
                    _timers.Add(next);
                }
            }

            next.Callback(next.State);
        }
    }

    /// <summary>
    /// Waits (in real time) until a timer falls due <paramref name="dueIn"/> from now: the code
    /// under test has reached that wait (a backoff, a deadline). Throws after a minute, a hang guard only.
    /// </summary>
    public async Task WaitForTimerAsync(TimeSpan dueIn)
    {
        var limit = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!HasTimer(dueIn))
        {
            if (DateTime.UtcNow > limit)
            {
                throw new TimeoutException($"no timer due in {dueIn.TotalSeconds:0.###} s was set within a minute");
            }

            await Task.Delay(5);
        }
    }

    private bool HasTimer(TimeSpan dueIn)
    {
        lock (_gate)
        {
            var due = _now + dueIn;
            return _timers.Exists(t => t.Due == due);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        public DateTimeOffset Due { get; set; }

        public TimeSpan Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    return true;
                }

                Due = clock._now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                clock._timers.Add(this);
                return true;
            }
        }

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
