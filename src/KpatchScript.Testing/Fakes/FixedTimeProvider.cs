namespace KpatchScript.Testing.Fakes;

/// <summary>A clock that always says the same time, so outputs compare byte for byte.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    /// <summary>2026-01-15 12:00:00 UTC, the time golden files are written at.</summary>
    public static FixedTimeProvider Default { get; } = new(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => now;
}
