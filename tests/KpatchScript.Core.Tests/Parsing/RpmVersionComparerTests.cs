using KpatchScript.Parsing;

namespace KpatchScript.Core.Tests.Parsing;

public sealed class RpmVersionComparerTests
{
    // Cases from rpm's own rpmvercmp test table, plus kernel releases.
    [Theory]
    [InlineData("1.0", "1.0", 0)]
    [InlineData("1.0", "2.0", -1)]
    [InlineData("2.0.1", "2.0", 1)]
    [InlineData("2.0.1a", "2.0.1", 1)]
    [InlineData("5.5p1", "5.5p10", -1)]
    [InlineData("10xyz", "10.1xyz", -1)]
    [InlineData("xyz10", "xyz10.1", -1)]
    [InlineData("1.010", "1.10", 0)]
    [InlineData("a", "1", -1)]
    [InlineData("1.0~rc1", "1.0", -1)]
    [InlineData("1.0~rc1", "1.0~rc2", -1)]
    [InlineData("1.0^", "1.0", 1)]
    [InlineData("1.0^git1", "1.0.1", -1)]
    [InlineData("1.0^git1", "1.0^git2", -1)]
    [InlineData("1_0", "1.0", 0)]
    // ~ sorts before everything, even the end; ^ after the end only (checked against rpm 4.18's rpm.vercmp; the empty string only as C rpmvercmp takes it).
    [InlineData("1.0~rc1", "1.0~", 1)]
    [InlineData("1.0~", "1.0", -1)]
    [InlineData("1.0~rc1", "1.0~rc1", 0)]
    [InlineData("1.0~rc1~git123", "1.0~rc1", -1)]
    [InlineData("1.0~rc1", "1.0arc1", -1)]
    [InlineData("~1", "", -1)]
    [InlineData("1.0^", "1.0^", 0)]
    [InlineData("1.0^git1", "1.0", 1)]
    [InlineData("1.0^git1~pre", "1.0^git1", -1)]
    [InlineData("1.0^git1", "1.01", -1)]
    [InlineData("1.0^20160101", "1.0.1", -1)]
    [InlineData("1.0^20160102", "1.0^20160101^git1", 1)]
    [InlineData("1.0~rc1^git1", "1.0~rc1", 1)]
    [InlineData("1.0^git1", "1.0^git1~pre", 1)]
    [InlineData("1.0~rc1^git1", "1.0~rc2", -1)]
    [InlineData("1.0^", "1.0a", -1)]
    [InlineData("1.0", "1.0.", 0)]
    [InlineData("1..0", "1.0", 0)]
    [InlineData("1.a", "1.1", -1)]
    [InlineData("1.b", "1.a", 1)]
    [InlineData("1.00010", "1.9", 1)]
    [InlineData("1.0001", "1.1", 0)]
    [InlineData("1.10", "1.9", 1)]
    [InlineData("1.abc", "1.abd", -1)]
    [InlineData("1.abc", "1.ab", 1)]
    [InlineData("2", "1a", 1)]
    [InlineData("1", "", 1)]
    [InlineData("5.14.0-427.13.1.el9_4.x86_64", "5.14.0-503.11.1.el9_5.x86_64", -1)]
    [InlineData("5.14.0-362.8.1.el9_3.x86_64", "5.14.0-362.24.1.el9_3.x86_64", -1)]
    [InlineData("6.1.0-41-amd64", "6.1.0-42-amd64", -1)]
    [InlineData("CVE-2023-4622", "CVE-2023-42753", -1)]
    public void Orders_like_rpmvercmp(string left, string right, int expected)
    {
        Assert.Equal(expected, RpmVersionComparer.Instance.Compare(left, right));
        Assert.Equal(-expected, RpmVersionComparer.Instance.Compare(right, left));
    }

    [Fact]
    public void Null_sorts_before_any_version_and_equals_itself()
    {
        Assert.Equal(0, RpmVersionComparer.Instance.Compare(null, null));
        Assert.Equal(-1, RpmVersionComparer.Instance.Compare(null, "0"));
        Assert.Equal(1, RpmVersionComparer.Instance.Compare("0", null));
    }
}
