namespace KpatchScript.Scripting.Caching;

/// <summary>
/// Two independent 64-bit FNV-1a lanes (different offset bases, the second one over bytes mixed
/// with their position), 128 bits together: enough to tell scripts apart in one user's cache,
/// with no library to load and no native crypto to start on a cached run.
/// </summary>
internal sealed class KeyHash
{
    private const ulong Prime = 1099511628211;
    private ulong _first = 14695981039346656037;
    private ulong _second = 0x6c62272e07bb0142;
    private ulong _length;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            _first = (_first ^ b) * Prime;
            _second = (_second ^ (ulong)(b ^ (byte)_length)) * Prime;
            _length++;
        }
    }

    /// <summary>32 lowercase hex digits.</summary>
    /// <remarks>
    /// Written digit by digit: an interpolated string rents from the shared array pool and
    /// formats through the culture's number format, about 30 types a cached run would load for
    /// this one string (tests/benchmarks).
    /// </remarks>
    public string ToHex()
    {
        var digits = new char[32];
        Write(digits, 0, _first ^ _length);
        Write(digits, 16, _second);
        return new string(digits);
    }

    private static void Write(char[] digits, int start, ulong value)
    {
        for (var i = start + 15; i >= start; i--, value >>= 4)
        {
            digits[i] = "0123456789abcdef"[(int)(value & 0xf)];
        }
    }
}
