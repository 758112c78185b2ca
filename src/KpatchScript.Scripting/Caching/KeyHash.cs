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

    public string ToHex() => $"{_first ^ _length:x16}{_second:x16}";
}
