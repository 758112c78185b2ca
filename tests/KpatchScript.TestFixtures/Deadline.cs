namespace KpatchScript.TestFixtures;

/// <summary>
/// Runs a call that must not hang (a read that could wait on a FIFO forever) on a pool thread and
/// fails when it does not end in time: the test then fails, instead of blocking the whole run. A
/// hung call's thread is left behind (a blocked open cannot be interrupted); it ends with the process.
/// </summary>
public static class Deadline
{
    /// <exception cref="TimeoutException">The call did not end within <paramref name="limit"/>.</exception>
    public static T Within<T>(TimeSpan limit, Func<T> call, string what = "the call")
    {
        var task = Task.Run(call);
        return task.Wait(limit) ? task.GetAwaiter().GetResult() : throw new TimeoutException($"{what} did not end within {limit.TotalSeconds:0.#} s (a hang)");
    }

    /// <inheritdoc cref="Within{T}(TimeSpan, Func{T}, string)"/>
    public static void Within(TimeSpan limit, Action call, string what = "the call") =>
        Within(limit, () => { call(); return true; }, what);
}
