namespace KpatchScript.PluginHosting.Processes;

/// <summary>
/// The host's clock in a plugin process: the time the host said it was at its last message, plus
/// the time passed since here. A host on a fixed clock (tests, golden files) gives its plugins
/// that time, as when they ran in its own process. Timers are this machine's.
/// </summary>
internal sealed class ChildClock : TimeProvider
{
    private long _offsetTicks;

    public void Set(DateTimeOffset hostNow) => Interlocked.Exchange(ref _offsetTicks, (hostNow - System.GetUtcNow()).Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
}
