using KpatchScript.Parsing;

namespace KpatchScript.Core.Tests.Parsing;

public sealed class RpmEvrTests
{
    // As rpm orders packages (checked with rpm --eval '%{lua: print(rpm.vercmp(a, b))}').
    [Theory]
    [InlineData("1.1-1", "1-5", 1)] // the version decides before the release: one "V-R" string says -1
    [InlineData("1:1.0-1", "2.0-1", 1)] // any epoch beats any version
    [InlineData("0:1.0-1", "1.0-1", 0)] // a missing epoch is 0
    [InlineData("007:1-1", "7:1-1", 0)] // epochs compare as numbers
    [InlineData("10:1-1", "9:1-1", 1)]
    [InlineData("1.0", "1.0-1", -1)] // a missing release is older than any
    [InlineData("2.0-1.el9_2", "2.0-1.el9_10", -1)]
    [InlineData("1-2-3", "1-2-4", -1)] // the release is what follows the last '-'
    public void Orders_like_rpm(string left, string right, int expected)
    {
        Assert.Equal(expected, RpmEvr.Parse(left).CompareTo(RpmEvr.Parse(right)));
        Assert.Equal(-expected, RpmEvr.Parse(right).CompareTo(RpmEvr.Parse(left)));
    }

    [Theory]
    [InlineData("1:2.0-3", "1", "2.0", "3")]
    [InlineData("2.0-3", null, "2.0", "3")]
    [InlineData(":2.0", "0", "2.0", null)]
    [InlineData("a:2.0-1", null, "a:2.0", "1")]
    [InlineData("12-3", null, "12", "3")]
    public void Splits_like_rpm(string evr, string? epoch, string version, string? release) =>
        Assert.Equal(new RpmEvr(epoch, version, release), RpmEvr.Parse(evr));

    // rpm prints an absent epoch as 0 (%{EPOCHNUM}) or (none) (%{EPOCH}, checked with rpm 4.18 -qp).
    [Theory]
    [InlineData(null, "1.0-1")]
    [InlineData("", "1.0-1")]
    [InlineData("0", "1.0-1")]
    [InlineData("(none)", "1.0-1")]
    [InlineData("2", "2:1.0-1")]
    public void Keeps_an_epoch_of_0_of_a_package_as_none(string? epoch, string expected)
    {
        Assert.Equal(expected, RpmEvr.OfPackage(epoch, "1.0", "1").ToString());
    }

    // rpm.vercmp("1.010-1", "1.10-1") is 0 and ("1.0-1", "1.0-2") is -1 (rpm 4.18).
    [Theory]
    [InlineData("1.010-1", "1.10-1", false, false, true, true)]
    [InlineData("1.0-1", "1.0-2", true, false, true, false)]
    [InlineData("1.0-2", "1.0-1", false, true, false, true)]
    public void The_operators_follow_rpms_order(string left, string right, bool less, bool greater, bool lessOrEqual, bool greaterOrEqual)
    {
        var (l, r) = (RpmEvr.Parse(left), RpmEvr.Parse(right));

        Assert.Equal(less, l < r);
        Assert.Equal(greater, l > r);
        Assert.Equal(lessOrEqual, l <= r);
        Assert.Equal(greaterOrEqual, l >= r);
    }

    [Fact]
    public void Null_text_is_refused_naming_the_argument_given()
    {
        Assert.Equal("evr", Assert.Throws<ArgumentNullException>(() => RpmEvr.Parse(null!)).ParamName);
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => RpmEvr.WhyNotVersionRelease(null!)).ParamName);
    }

    [Fact]
    public void Says_why_a_text_is_no_version_release_and_quotes_it()
    {
        Assert.Equal("'1.2 --allowerasing' is not a package version-release such as 1-2.el9_2 (with an epoch, 1:1.0-1.el9_5)", RpmEvr.WhyNotVersionRelease("1.2 --allowerasing"));
    }

    [Theory]
    [InlineData("1-2.el9_2", true)]
    [InlineData("1:1.0-1.el9_5", true)]
    [InlineData("0:1-1.el9_2", true)]
    [InlineData("1.2", false)] // no release: dnf would read it as a name or a version prefix
    [InlineData("1-", false)]
    [InlineData("-1", false)]
    [InlineData(":1-1", false)]
    [InlineData("a:1-1", false)] // the epoch is digits
    [InlineData("1-2-3", false)] // one dash: the version holds none
    [InlineData("1-2:3", false)]
    [InlineData("1-2.el9_2 --allowerasing", false)]
    [InlineData("1-2.el9_2/x", false)]
    [InlineData("", false)]
    public void Tells_a_version_release_that_names_one_package_version(string text, bool valid) =>
        Assert.Equal(valid, RpmEvr.WhyNotVersionRelease(text) is null);
}
