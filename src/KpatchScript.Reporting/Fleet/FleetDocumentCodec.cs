using System.Collections.Concurrent;
using ZstdSharp;

namespace KpatchScript.Reporting.Fleet;

/// <summary>
/// Compresses the documents of one fleet's rows (<see cref="FleetHostRow"/>) with zstd at level 1,
/// against a dictionary: the first document compressed, as raw content. The hosts of a fleet share
/// most of their documents (the names, the packages, often the kernel), so a row keeps little more
/// than what is its own. One codec per fleet report, shared by its rows; safe across threads.
/// </summary>
/// <remarks>
/// Measured 2026-12-07 (2 cores; rhel9-covered's status document, 2,876 bytes compact; best of
/// 9 × 2,000): the runtime's Brotli at quality 1, used before: 1,298 bytes, 11.8 µs to compress and
/// 6.7 µs to decompress. zstd level 1 without a dictionary: 1,244 bytes, 8.2 and 3.6 µs; with another
/// host's document as the dictionary: 26 bytes, 1.3 and 0.1 µs. (The benchmark's hosts differ in two
/// values, a real fleet's in more: its rows fall between the two.) LZ4: 1,701 bytes, 3.2 and 0.5 µs.
/// </remarks>
public sealed class FleetDocumentCodec
{
    private const int Level = 1;

    // A dictionary is raw content; a first document larger than this gives its beginning.
    private const int LongestDictionary = 64 * 1024;

    [ThreadStatic]
    private static byte[]? t_compressed;

    private readonly bool _learns;
    private readonly ConcurrentBag<Compressor> _compressors = [];
    private readonly ConcurrentBag<Decompressor> _decompressors = [];
    private byte[]? _dictionary;

    /// <summary>A codec whose dictionary is the first document it compresses.</summary>
    public FleetDocumentCodec()
        : this(learns: true)
    {
    }

    private FleetDocumentCodec(bool learns) => _learns = learns;

    /// <summary>A codec without a dictionary, for rows made one at a time.</summary>
    public static FleetDocumentCodec Plain { get; } = new(learns: false);

    /// <summary>The document, compressed.</summary>
    public byte[] Compress(ReadOnlySpan<byte> document)
    {
        // Set once, before any compressor exists that would need it: every compressor and
        // decompressor of this codec is made after, with the same dictionary.
        if (_learns && Volatile.Read(ref _dictionary) is null)
        {
            Interlocked.CompareExchange(ref _dictionary, document[..Math.Min(document.Length, LongestDictionary)].ToArray(), null);
        }

        var bound = Compressor.GetCompressBound(document.Length);
        var buffer = t_compressed is { } held && held.Length >= bound ? held : t_compressed = new byte[bound];
        var compressor = _compressors.TryTake(out var taken) ? taken : NewCompressor();
        try
        {
            return buffer.AsSpan(0, compressor.Wrap(document, buffer)).ToArray();
        }
        finally
        {
            _compressors.Add(compressor);
        }
    }

    /// <summary>Decompresses <paramref name="compressed"/> into <paramref name="document"/>, which it must fill exactly.</summary>
    public void Decompress(ReadOnlySpan<byte> compressed, Span<byte> document)
    {
        var decompressor = _decompressors.TryTake(out var taken) ? taken : NewDecompressor();
        try
        {
            if (decompressor.Unwrap(compressed, document) != document.Length)
            {
                throw new InvalidOperationException("a fleet row's documents did not decompress to their length");
            }
        }
        finally
        {
            _decompressors.Add(decompressor);
        }
    }

    private Compressor NewCompressor()
    {
        var compressor = new Compressor(Level);
        if (Volatile.Read(ref _dictionary) is { } dictionary)
        {
            compressor.LoadDictionary(dictionary);
        }

        return compressor;
    }

    private Decompressor NewDecompressor()
    {
        var decompressor = new Decompressor();
        if (Volatile.Read(ref _dictionary) is { } dictionary)
        {
            decompressor.LoadDictionary(dictionary);
        }

        return decompressor;
    }
}
