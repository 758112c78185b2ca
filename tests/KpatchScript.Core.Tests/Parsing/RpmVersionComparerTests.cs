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
    [InlineData("5.14.0-427.13.1.el9_4.x86_64", "5.14.0-503.11.1.el9_5.x86_64", -1)]
    [InlineData("5.14.0-362.8.1.el9_3.x86_64", "5.14.0-362.24.1.el9_3.x86_64", -1)]
    [InlineData("6.1.0-41-amd64", "6.1.0-42-amd64", -1)]
    [InlineData("CVE-2023-4622", "CVE-2023-42753", -1)]
    public void Orders_like_rpmvercmp(string left, string right, int expected)
    {
        Assert.Equal(expected, RpmVersionComparer.Instance.Compare(left, right));
        Assert.Equal(-expected, RpmVersionComparer.Instance.Compare(right, left));
    }
}
