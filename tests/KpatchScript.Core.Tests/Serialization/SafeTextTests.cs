using KpatchScript.Serialization;

namespace KpatchScript.Core.Tests.Serialization;

public sealed class SafeTextTests
{
    [Theory]
    [InlineData("rhel92-web01", "rhel92-web01")]
    [InlineData("db01\u001b]0;OWNED\u0007\u001b[2J", @"db01\x1b]0;OWNED\x07\x1b[2J")]
    [InlineData("a\tb\r\nc", @"a\tb\r\nc")]
    [InlineData("del\u007f c1\u009b31m", @"del\x7f c1\x9b31m")]
    [InlineData("exe.\u202etxt \u2066x\u2069 \u200f \u061c", @"exe.\u202etxt \u2066x\u2069 \u200f \u061c")]
    [InlineData("line\u2028para\u2029", @"line\u2028para\u2029")]
    [InlineData("Ünïcödé, 日本, [red]", "Ünïcödé, 日本, [red]")]
    public void Of_shows_every_control_character_as_an_escape_and_leaves_the_rest(string text, string expected) =>
        Assert.Equal(expected, SafeText.Of(text));

    [Fact]
    public void Lines_keeps_line_breaks_and_escapes_the_rest()
    {
        Assert.Equal("one\ntwo\\x1b[2J\\r\n", SafeText.Lines("one\ntwo\u001b[2J\r\n"));
        Assert.Equal("", SafeText.Of(null));
    }

    [Fact]
    public void A_string_without_anything_to_escape_is_returned_as_it_is()
    {
        var text = "kpatch_5_14_0_284_11_1_1_1";
        Assert.Same(text, SafeText.Of(text));
    }
}
