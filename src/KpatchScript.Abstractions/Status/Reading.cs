using System.Text.Json.Serialization;

namespace KpatchScript.Status;

/// <summary>
/// A value read from a host, or the reason it could not be read. Detection never guesses: a
/// value it cannot read honestly is <see cref="IsKnown"/> = false with a reason a person can act on.
/// </summary>
/// <remarks>In JSON a known reading is the bare value; an unknown one is <c>{"unknown": "reason"}</c>.</remarks>
[JsonConverter(typeof(ReadingJsonConverterFactory))]
public sealed record Reading<T>
{
    internal Reading(T? value, string? unknownReason)
    {
        Value = value;
        UnknownReason = unknownReason;
    }

    /// <summary>The value; meaningful only when <see cref="IsKnown"/>.</summary>
    public T? Value { get; }

    /// <summary>Why the value is unknown; null when it is known.</summary>
    public string? UnknownReason { get; }

    /// <summary>True when <see cref="Value"/> was read.</summary>
    public bool IsKnown => UnknownReason is null;

    /// <summary>Applies <paramref name="map"/> to a known value; an unknown reading stays unknown.</summary>
    public Reading<TOut> Select<TOut>(Func<T, TOut> map) =>
        IsKnown ? Reading.Known(map(Value!)) : Reading.Unknown<TOut>(UnknownReason!);

    /// <summary>Chains a step that can itself fail.</summary>
    public Reading<TOut> Then<TOut>(Func<T, Reading<TOut>> next) =>
        IsKnown ? next(Value!) : Reading.Unknown<TOut>(UnknownReason!);

    /// <summary>The value when known, otherwise <paramref name="fallback"/>.</summary>
    public T? GetValueOrDefault(T? fallback = default) => IsKnown ? Value : fallback;

    /// <inheritdoc />
    public override string ToString() => IsKnown ? Value?.ToString() ?? "" : $"unknown ({UnknownReason})";
}

/// <summary>Shorthands for building readings.</summary>
public static class Reading
{
    /// <summary>A value that was read.</summary>
    public static Reading<T> Known<T>(T value) => new(value, null);

    /// <summary>A value that could not be read, and why.</summary>
    public static Reading<T> Unknown<T>(string reason) =>
        new(default, string.IsNullOrWhiteSpace(reason) ? "unknown reason" : reason);
}
