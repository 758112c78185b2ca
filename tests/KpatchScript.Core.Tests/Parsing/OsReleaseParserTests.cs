using KpatchScript.Parsing;

namespace KpatchScript.Core.Tests.Parsing;

public sealed class OsReleaseParserTests
{
    [Fact]
    public void Reads_double_quoted_values()
    {
        var os = OsReleaseParser.Parse("NAME=\"Red Hat Enterprise Linux\"\nID=\"rhel\"\nVERSION_ID=\"9.4\"\nPRETTY_NAME=\"Red Hat Enterprise Linux 9.4 (Plow)\"\nID_LIKE=\"fedora\"\n", "/etc/os-release").Value!;

        Assert.Equal(("rhel", "Red Hat Enterprise Linux", "9.4", "Red Hat Enterprise Linux 9.4 (Plow)"), (os.Id, os.Name, os.VersionId, os.PrettyName));
        Assert.Equal(["fedora"], os.IdLike);
    }

    [Fact]
    public void Reads_unquoted_and_single_quoted_values()
    {
        var os = OsReleaseParser.Parse("ID=debian\nNAME='Debian GNU/Linux'\nVERSION_ID=12 # comment\n", "/etc/os-release").Value!;

        Assert.Equal(("debian", "Debian GNU/Linux", "12"), (os.Id, os.Name, os.VersionId));
    }

    [Fact]
    public void Unescapes_shell_escapes_inside_double_quotes_only()
    {
        var os = OsReleaseParser.Parse("NAME=\"My \\\"quoted\\\" \\$OS \\\\ \\`x\\`\"\nPRETTY_NAME='a\\\"b'\n", "/etc/os-release").Value!;

        Assert.Equal("My \"quoted\" $OS \\ `x`", os.Name);
        Assert.Equal("a\\\"b", os.PrettyName);
    }

    [Fact]
    public void Applies_the_defaults_of_os_release_5()
    {
        var os = OsReleaseParser.Parse("VERSION_ID=1\n", "/etc/os-release").Value!;

        Assert.Equal(("linux", "Linux", "Linux"), (os.Id, os.Name, os.PrettyName));
        Assert.Empty(os.IdLike);
    }

    [Fact]
    public void Ignores_comments_blank_lines_odd_keys_and_unterminated_quotes()
    {
        var os = OsReleaseParser.Parse("# comment\n\nlower=x\nNAME=\"unterminated\nID=fedora\r\nexport FOO=bar\n", "/etc/os-release").Value!;

        Assert.Equal(("fedora", "Linux"), (os.Id, os.Name));
    }

    [Theory]
    [InlineData("", "/etc/os-release is empty")]
    [InlineData(" \n\n", "/etc/os-release is empty")]
    [InlineData("# only a comment\n", "/etc/os-release has no KEY=value lines")]
    [InlineData("=fedora\n", "/etc/os-release has no KEY=value lines")]
    [InlineData("id=fedora\nexport ID=fedora\nID-LIKE=rhel\n", "/etc/os-release has no KEY=value lines")]
    [InlineData("NAME=\"unterminated\n", "/etc/os-release has no KEY=value lines")]
    public void A_file_without_one_valid_assignment_is_unknown(string text, string reason)
    {
        var os = OsReleaseParser.Parse(text, "/etc/os-release");

        Assert.False(os.IsKnown);
        Assert.Equal(reason, os.UnknownReason);
    }

    [Fact]
    public void An_empty_value_is_no_value_and_takes_the_default()
    {
        var os = OsReleaseParser.Parse("ID=\nNAME=\"\"\nPRETTY_NAME=''\nVERSION_ID=\nID_LIKE=\n", "/etc/os-release").Value!;

        Assert.Equal(("linux", "Linux", "Linux", null), (os.Id, os.Name, os.PrettyName, os.VersionId));
        Assert.Empty(os.IdLike);
    }

    [Fact]
    public void A_backslash_at_the_end_of_an_unterminated_quote_leaves_the_line_ignored()
    {
        var os = OsReleaseParser.Parse("NAME=\"Fedora\\\nID=fedora\n", "/etc/os-release").Value!;

        Assert.Equal(("fedora", "Linux"), (os.Id, os.Name));
    }

    [Fact]
    public void Lets_the_last_assignment_win()
    {
        Assert.Equal("b", OsReleaseParser.Parse("ID=a\nID=b\n", "/x").Value!.Id);
    }
}
