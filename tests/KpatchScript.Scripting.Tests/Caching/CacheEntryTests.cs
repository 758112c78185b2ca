using KpatchScript.Scripting.Caching;

namespace KpatchScript.Scripting.Tests.Caching;

/// <summary>The cache's own small formats, written by hand to keep a cached run's start-up short.</summary>
public sealed class CacheEntryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kps-cache-entry-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("100663297", 100663297)]
    [InlineData(" 42\n", 42)]
    [InlineData("0", 0)]
    [InlineData("2147483647", int.MaxValue)]
    public void An_entry_token_is_read_as_decimal_digits(string text, int expected) =>
        Assert.Equal(expected, ScriptCache.ParseToken(text));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("0x6000001")]
    [InlineData("12 34")]
    [InlineData("2147483648")]
    [InlineData("99999999999")]
    public void Anything_else_is_no_token(string text) =>
        Assert.Null(ScriptCache.ParseToken(text));

    [Fact]
    public void An_entry_with_a_bad_token_is_a_miss_not_an_error()
    {
        var cache = new ScriptCache(_directory);
        var stored = cache.Store("key", [1, 2, 3], 100663297, []);
        Assert.NotNull(stored);
        Assert.Equal(100663297, cache.TryGet("key")!.EntryToken);

        File.WriteAllText(Path.Combine(_directory, "key", ScriptCache.EntryFile), "not a number");
        Assert.Null(cache.TryGet("key"));
    }

    [Fact]
    public void A_key_is_both_lanes_in_32_lowercase_hex_digits()
    {
        // Nothing appended: each lane is its offset basis (the first xor the length, 0).
        Assert.Equal("cbf29ce4842223256c62272e07bb0142", new KeyHash().ToHex());

        var hash = new KeyHash();
        hash.Append([1, 2, 3, 255]);
        Assert.Matches("^[0-9a-f]{32}$", hash.ToHex());
        Assert.NotEqual(new KeyHash().ToHex(), hash.ToHex());
    }
}
