using KpatchScript.Packages;

namespace KpatchScript.Core.Tests.Packages;

/// <summary>The build time of repoquery's <c>%{buildtime}</c>: dnf 4 prints a UTC date and time, dnf 5 seconds since 1970.</summary>
public sealed class DnfOutputBuildTimeTests
{
    [Theory]
    [InlineData("2024-04-30 00:00", "2024-04-30")]
    [InlineData("1714435200", "2024-04-30")]
    [InlineData("1714521599", "2024-04-30")]
    public void Reads_both_forms_as_the_utc_day(string text, string day)
    {
        var line = $"kpatch-patch-5_14_0-427_13_1\t0\t0\t0.el9_4\tx86_64\t{text}\n";

        var package = Assert.Single(DnfOutput.ParseBuiltPackages(line).Value!);

        Assert.Equal((DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), "kpatch-patch-5_14_0-427_13_1-0-0.el9_4.x86_64"), (package.Built, package.Package.Nevra));
    }

    [Theory]
    [InlineData("kpatch-patch-5_14_0-427_13_1\t0\t0\t0.el9_4\tx86_64\tyesterday")]
    [InlineData("kpatch-patch-5_14_0-427_13_1\t0\t0\t0.el9_4\tx86_64")]
    [InlineData("kpatch-patch-5_14_0-427_13_1\t0\t0\t0.el9_4\tx86_64\t0")]
    public void Anything_else_is_unknown_naming_the_line(string line)
    {
        var read = DnfOutput.ParseBuiltPackages(line + "\n");

        Assert.False(read.IsKnown);
        Assert.StartsWith("unexpected dnf output: 'kpatch-patch-5_14_0-427_13_1", read.UnknownReason, StringComparison.Ordinal);
    }
}
