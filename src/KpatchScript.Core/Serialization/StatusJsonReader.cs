using System.Text.Json;
using KpatchScript.Status;

namespace KpatchScript.Serialization;

/// <summary>
/// Reads a <c>status --json</c> document by hand into the <see cref="HostStatus"/> that
/// <see cref="StatusJson.Deserialize(ReadOnlySpan{byte})"/> makes of it, in the same pass finding
/// its schema version and where its verdict is. It reads only documents shaped as a writer of this
/// schema writes them: every member present, once, with a value of its type (a member it does not
/// know is skipped, as System.Text.Json skips it). For anything else it answers null, and the
/// caller deserializes with System.Text.Json, whose result and whose errors (naming a line and a
/// path) are the ones the user gets. StatusJsonReaderTests holds the two equal over the golden
/// documents and thousands of edits of them.
/// </summary>
/// <remarks>
/// Why by hand: the fleet report reads thousands of documents in one process, and System.Text.Json's
/// code for these types is generic code over them, compiled at run time and run unoptimized until
/// it is compiled again: 10,000 of the benchmark's documents took 755 ms on one core the first time
/// and 133-151 ms once compiled (2026-12-06, 2 cores), where a pass of Utf8JsonReader over them took
/// 250 ms the first time. This reader is that pass, precompiled with the rest of this assembly.
/// </remarks>
internal static partial class StatusJsonReader
{
    /// <summary>The status, and its <c>verdict</c> value's place in the text (empty when it has none); null when the document is not shaped as expected.</summary>
    public static (HostStatus Status, Range Verdict)? TryRead(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var r = new Utf8JsonReader(utf8);
            r.Read();
            var (status, verdict) = Document(ref r);
            // Nothing may follow the document (Read throws on anything but whitespace).
            return r.Read() ? null : (status, verdict);
        }
        catch (Mismatch)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // A value read as a type it is not; each read checks its token first, so this is only a net.
            return null;
        }
    }

    /// <summary>Thrown to give up on a document: it is then read by System.Text.Json. Never leaves this class.</summary>
    private sealed class Mismatch : Exception;

    private static Mismatch Unexpected() => new();

    private static (HostStatus, Range) Document(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        int schemaVersion = 0;
        string? target = null, toolVersion = null;
        DateTimeOffset collectedAt = default;
        HostInfo? host = null;
        KernelStatus? kernel = null;
        LivepatchStatus? livepatch = null;
        KpatchTooling? kpatch = null;
        Reading<IReadOnlyList<KpatchPatchPackage>>? packages = null;
        CveCoverage? coverage = null;
        Reading<CveExposure>? exposure = null;
        var verdict = default(Range);
        while (NextMember(ref r))
        {
            if (Is(ref r, "schema_version"u8, 0, ref seen))
            {
                schemaVersion = Int32(ref r);
            }
            else if (Is(ref r, "target"u8, 1, ref seen))
            {
                target = Text(ref r);
            }
            else if (Is(ref r, "collected_at"u8, 2, ref seen))
            {
                collectedAt = r.TokenType == JsonTokenType.String && r.TryGetDateTimeOffset(out var time) ? time : throw Unexpected();
            }
            else if (Is(ref r, "tool_version"u8, 3, ref seen))
            {
                toolVersion = Text(ref r);
            }
            else if (Is(ref r, "host"u8, 4, ref seen))
            {
                host = Host(ref r);
            }
            else if (Is(ref r, "kernel"u8, 5, ref seen))
            {
                kernel = Kernel(ref r);
            }
            else if (Is(ref r, "livepatch"u8, 6, ref seen))
            {
                livepatch = Livepatch(ref r);
            }
            else if (Is(ref r, "kpatch"u8, 7, ref seen))
            {
                kpatch = Kpatch(ref r);
            }
            else if (Is(ref r, "packages"u8, 8, ref seen))
            {
                packages = ListReading(ref r, Package);
            }
            else if (Is(ref r, "coverage"u8, 9, ref seen))
            {
                coverage = Coverage(ref r);
            }
            else if (Is(ref r, "verdict"u8, 10, ref seen))
            {
                var start = (int)r.TokenStartIndex;
                r.Skip();
                verdict = start..(int)r.BytesConsumed;
            }
            else if (Is(ref r, "exposure"u8, 11, ref seen))
            {
                exposure = Reading(ref r, Exposure);
            }
            else
            {
                r.Skip();
            }
        }

        // The verdict may be absent (a version-1 document has none), and the exposure (documents written before issue 22).
        Require((seen | (1 << 10)) & 0x7FF, 11);
        var status = new HostStatus(schemaVersion, target!, collectedAt, toolVersion!, host!, kernel!, livepatch!, kpatch!, packages!, coverage!);
        return (exposure is null ? status : status with { Exposure = exposure }, verdict);
    }

    private delegate T ValueReader<out T>(ref Utf8JsonReader r);

    /// <summary>A reading as ReadingJsonConverterFactory reads one: an object of exactly one string <c>unknown</c> is unknown, anything else the value.</summary>
    private static Reading<T> Reading<T>(ref Utf8JsonReader r, ValueReader<T> value) =>
        Unknown(ref r) is { } reason ? Status.Reading.Unknown<T>(reason) : Status.Reading.Known(value(ref r));

    /// <summary>A reading of a list (a reading of its own, for the list's type).</summary>
    private static Reading<IReadOnlyList<T>> ListReading<T>(ref Utf8JsonReader r, ValueReader<T> item) =>
        Unknown(ref r) is { } reason ? Status.Reading.Unknown<IReadOnlyList<T>>(reason) : Status.Reading.Known<IReadOnlyList<T>>(List(ref r, item));

    /// <summary>The reason, when the value at the reader is an unknown reading (the reader then at its end); else null, the reader where it was.</summary>
    private static string? Unknown(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var probe = r;
        probe.Read();
        if (probe.TokenType != JsonTokenType.PropertyName || !probe.ValueTextEquals("unknown"u8))
        {
            return null;
        }

        probe.Read();
        var reason = probe.TokenType == JsonTokenType.String ? probe.GetString() : null;
        probe.Read();
        if (reason is null || probe.TokenType != JsonTokenType.EndObject)
        {
            return null;
        }

        r = probe;
        return reason;
    }

    private static List<T> List<T>(ref Utf8JsonReader r, ValueReader<T> item)
    {
        Expect(ref r, JsonTokenType.StartArray);
        var items = new List<T>();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            items.Add(item(ref r));
        }

        return items;
    }

    /// <summary>Moves to the next member's value: false at the end of the object.</summary>
    private static bool NextMember(ref Utf8JsonReader r) => r.Read() && r.TokenType == JsonTokenType.PropertyName;

    /// <summary>Whether the member at the reader is <paramref name="name"/>; if so, marks it seen (a second time gives up) and moves to its value.</summary>
    private static bool Is(ref Utf8JsonReader r, ReadOnlySpan<byte> name, int bit, ref int seen)
    {
        if (!r.ValueTextEquals(name))
        {
            return false;
        }

        if ((seen & (1 << bit)) != 0)
        {
            throw Unexpected();
        }

        seen |= 1 << bit;
        r.Read();
        return true;
    }

    /// <summary>Gives up unless all of the first <paramref name="count"/> members were seen.</summary>
    private static void Require(int seen, int count)
    {
        if (seen != (1 << count) - 1)
        {
            throw Unexpected();
        }
    }

    private static void Expect(ref Utf8JsonReader r, JsonTokenType type)
    {
        if (r.TokenType != type)
        {
            throw Unexpected();
        }
    }

    private static string Text(ref Utf8JsonReader r) => r.TokenType == JsonTokenType.String ? r.GetString()! : throw Unexpected();

    private static string? TextOrNull(ref Utf8JsonReader r) => r.TokenType == JsonTokenType.Null ? null : Text(ref r);

    private static bool Boolean(ref Utf8JsonReader r) => r.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw Unexpected(),
    };

    private static int Int32(ref Utf8JsonReader r) => r.TokenType == JsonTokenType.Number && r.TryGetInt32(out var value) ? value : throw Unexpected();

    private static long Int64(ref Utf8JsonReader r) => r.TokenType == JsonTokenType.Number && r.TryGetInt64(out var value) ? value : throw Unexpected();
}
